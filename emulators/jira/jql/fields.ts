import type { PropertyIndex } from '../app-index';
import { findUser, projectOf } from '../lookups';
import type { Issue, SiteState } from '../site-state';

/**
 * What a JQL field "is" for an issue: the values a clause may name it by. `project = DEL`,
 * `project = 10004` and `project = Delivery` all match, so a project answers with its key,
 * id and name. An empty list is an empty field (no assignee, no labels).
 */
export type FieldReader = (issue: Issue, site: SiteState) => string[];

const user = (accountId: string | null, site: SiteState) => {
  const found = accountId === null ? undefined : findUser(site, accountId);
  return found ? [found.accountId, found.email] : [];
};

const READERS: Record<string, FieldReader> = {
  project: (issue, site) => {
    const project = projectOf(site, issue);
    return [project.id, project.key, project.name];
  },
  key: (issue) => [issue.id, issue.key],
  labels: (issue) => issue.labels,
  issuetype: (issue, site) => site.issueTypes.filter((t) => t.id === issue.issueTypeId).flatMap((t) => [t.id, t.name]),
  status: (issue, site) => site.statuses.filter((s) => s.id === issue.statusId).flatMap((s) => [s.id, s.name]),
  assignee: (issue, site) => user(issue.assigneeId, site),
  reporter: (issue, site) => user(issue.reporterId, site),
  parent: (issue, site) => site.issues.filter((i) => i.id === issue.parentId).flatMap((i) => [i.id, i.key]),
  fixversion: (issue, site) =>
    site.versions.filter((v) => issue.fixVersionIds.includes(v.id)).flatMap((v) => [v.id, v.name]),
};

const ALIASES: Record<string, string> = { issuekey: 'key', id: 'key', type: 'issuetype', fixversions: 'fixversion' };

/** `issue.property[handoff].recordId` → key `handoff`, path `recordId`. */
const PROPERTY = /^issue\.property\[([^\]]+)\]\.(.+)$/i;

/**
 * The reader for a field name, or undefined when the field is unknown here. An entity
 * property is always a field JQL accepts, but only an indexed key and path has values: Jira
 * Cloud answers a clause on an unindexed one with no matches and no error (jira-fidelity.md
 * W2), so it reads as empty on every issue.
 */
export function fieldReader(name: string, indexes: readonly PropertyIndex[]): FieldReader | undefined {
  const property = PROPERTY.exec(name);
  if (property) {
    const [, key = '', path = ''] = property;
    const indexed = indexes.some((p) => p.key === key && p.paths.includes(path));
    return indexed ? (issue) => propertyValues(issue.properties[key], path) : () => [];
  }
  const lower = name.toLowerCase();
  return READERS[ALIASES[lower] ?? lower];
}

function propertyValues(value: unknown, path: string): string[] {
  const found = path
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? Object.fromEntries(Object.entries(node))[part] : undefined,
      value,
    );
  const items = Array.isArray(found) ? found : [found];
  return items
    .filter((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
    .map(String);
}

/** Sortable fields and how they compare; keys sort by project, then number. */
export function sortValue(name: string, issue: Issue, site: SiteState): string | number | undefined {
  switch (name.toLowerCase()) {
    case 'key':
    case 'issuekey':
      return `${projectOf(site, issue).key}-${String(Number(issue.key.split('-')[1] ?? 0)).padStart(12, '0')}`;
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'duedate':
      return issue.duedate ?? undefined;
    case 'summary':
      return issue.summary.toLowerCase();
    case 'status':
      return site.statuses.findIndex((s) => s.id === issue.statusId);
    case 'project':
      return projectOf(site, issue).key;
    default:
      return undefined;
  }
}

export const SORTABLE = ['key', 'issuekey', 'created', 'updated', 'duedate', 'summary', 'status', 'project'];
