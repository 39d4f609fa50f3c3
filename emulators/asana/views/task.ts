import { visibleExternal } from '../external-data';
import { Ref, type View } from '../representation';
import { webUrl } from '../routes/web';

/**
 * TaskResponse. `external` is there only when the viewer's OAuth app set it; a personal
 * access token never sees it. Dependencies and `created_by` are `{ gid, resource_type }`
 * references, and opt-in, as in Asana.
 */
export const taskView: View = {
  resourceType: 'task',
  compact: ['gid', 'resource_type', 'name', 'resource_subtype'],
  optIn: ['created_by', 'dependencies', 'dependents', 'html_notes', 'is_rendered_as_separator', 'num_subtasks'],
  fields(v, gid) {
    const t = v.state.tasks.find((task) => task.gid === gid);
    if (!t) return undefined;
    const user = (ref: string | null) => (ref === null ? null : new Ref('user', ref));
    const external = visibleExternal(v, t);
    const firstProject = t.memberships[0]?.projectGid ?? '0';
    return {
      gid,
      resource_type: 'task',
      name: t.name,
      resource_subtype: t.resourceSubtype,
      created_by: new Ref('user', t.createdByGid, 'identity'),
      completed: t.completed,
      completed_at: t.completedAt,
      completed_by: user(t.completedByGid),
      created_at: t.createdAt,
      dependencies: t.dependencyGids.map((d) => new Ref('task', d, 'identity')),
      dependents: () =>
        v.state.tasks
          .filter((other) => other.dependencyGids.includes(gid))
          .map((other) => new Ref('task', other.gid, 'identity')),
      due_at: t.dueAt,
      due_on: t.dueOn,
      ...(external ? { external } : {}),
      html_notes: t.htmlNotes,
      hearted: false,
      hearts: [],
      is_rendered_as_separator: false,
      liked: false,
      likes: [],
      memberships: t.memberships.map((m) => ({
        project: new Ref('project', m.projectGid),
        section: new Ref('section', m.sectionGid),
      })),
      modified_at: t.modifiedAt,
      notes: t.notes,
      num_hearts: 0,
      num_likes: 0,
      num_subtasks: () => v.state.tasks.filter((other) => other.parentGid === gid).length,
      start_at: null,
      start_on: t.startOn,
      actual_time_minutes: null,
      assignee: user(t.assigneeGid),
      assignee_section: null,
      custom_fields: [],
      followers: t.followerGids.map((f) => new Ref('user', f)),
      parent: t.parentGid === null ? null : new Ref('task', t.parentGid),
      projects: t.memberships.map((m) => new Ref('project', m.projectGid)),
      tags: [],
      workspace: new Ref('workspace', t.workspaceGid),
      permalink_url: webUrl(v, firstProject, gid),
    };
  },
};
