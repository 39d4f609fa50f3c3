import { asanaTime, nextGid, type AsanaState, type Project, type User, type Workspace } from './state';

/**
 * What Asana does when an admin removes someone from a workspace or organization
 * (POST /workspaces/{workspace_gid}/removeUser; help.asana.com "User deprovisioning",
 * "Managing members in an organization"): they are no longer a member, and their open tasks
 * of that workspace are gathered into an auto-generated private project owned by whoever
 * removed them (under a personal access token, its owner). The tasks are the person's
 * "previously assigned" tasks there: they lose their assignee, and stay in their own projects
 * too (the new project is one more membership), so a task's `projects[0]` may now be it.
 * Completed tasks stay as they are (the Admin Console moves them only when asked to).
 */
export function deprovision(state: AsanaState, workspace: Workspace, user: User, remover: User, now: Date): void {
  workspace.memberGids = workspace.memberGids.filter((gid) => gid !== user.gid);
  for (const team of state.teams.filter((t) => t.workspaceGid === workspace.gid))
    team.memberGids = team.memberGids.filter((gid) => gid !== user.gid);
  const theirs = state.tasks.filter(
    (t) => t.workspaceGid === workspace.gid && t.assigneeGid === user.gid && !t.completed,
  );
  if (theirs.length === 0) return;
  const time = asanaTime(now);
  const project = leftBehind(state, workspace, user, remover, time);
  const section = { gid: nextGid(state), projectGid: project.gid, name: 'Untitled section', createdAt: time };
  state.sections.push(section);
  for (const task of theirs) {
    task.assigneeGid = null;
    task.memberships.push({ projectGid: project.gid, sectionGid: section.gid });
    task.modifiedAt = time;
  }
}

/** The generated project; its name, and that it is in no team, are our guesses (the help pages say neither). */
function leftBehind(state: AsanaState, workspace: Workspace, user: User, remover: User, time: string): Project {
  const project: Project = {
    gid: nextGid(state),
    workspaceGid: workspace.gid,
    teamGid: null,
    name: `${user.name}'s tasks`,
    notes: `Tasks assigned to ${user.name} (${user.email}) when they were removed from ${workspace.name}.`,
    htmlNotes: '<body></body>',
    color: null,
    archived: false,
    ownerGid: remover.gid,
    dueOn: null,
    startOn: null,
    defaultView: 'list',
    memberGids: [remover.gid],
    followerGids: [remover.gid],
    createdAt: time,
    modifiedAt: time,
  };
  state.projects.push(project);
  return project;
}
