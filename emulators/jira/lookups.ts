import { hasProjectPermission } from './permissions';
import { ISSUE_NOT_FOUND, notFound } from './jira-error';
import type { Issue, Project, SiteState, User } from './site-state';

/**
 * Finding things the way Jira does: by id or by key, keys case-insensitively, and what the
 * caller may not browse is answered exactly like what does not exist.
 */

export function findProject(site: SiteState, idOrKey: string): Project | undefined {
  const wanted = idOrKey.toUpperCase();
  return site.projects.find((p) => p.id === idOrKey || p.key === wanted);
}

export function findIssue(site: SiteState, idOrKey: string): Issue | undefined {
  const wanted = idOrKey.toUpperCase();
  return site.issues.find((i) => i.id === idOrKey || i.key === wanted);
}

export function projectOf(site: SiteState, issue: Issue): Project {
  const project = site.projects.find((p) => p.id === issue.projectId);
  if (!project) throw new Error(`issue ${issue.key} belongs to no project`);
  return project;
}

export function findUser(site: SiteState, accountId: string): User | undefined {
  return site.users.find((u) => u.accountId === accountId);
}

/** A project the caller may browse, or Jira's 404. */
export function browsableProject(site: SiteState, actor: User, idOrKey: string): Project {
  const project = findProject(site, idOrKey);
  if (!project || !hasProjectPermission(actor, project, 'BROWSE_PROJECTS')) {
    throw notFound(`No project could be found with ${/^\d+$/.test(idOrKey) ? 'id' : 'key'} '${idOrKey}'.`);
  }
  return project;
}

/** An issue the caller may browse, with its project, or Jira's 404. */
export function browsableIssue(site: SiteState, actor: User, idOrKey: string): { issue: Issue; project: Project } {
  const issue = findIssue(site, idOrKey);
  const project = issue && projectOf(site, issue);
  if (!issue || !project || !hasProjectPermission(actor, project, 'BROWSE_PROJECTS')) throw notFound(ISSUE_NOT_FOUND);
  return { issue, project };
}

/** Jira's timestamp format: `2026-12-07T09:30:00.000+0000`. */
export function jiraTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
