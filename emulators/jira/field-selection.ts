/** Every field the local site stores or derives for an issue, in the order Jira lists them. */
export const ISSUE_FIELDS = [
  'summary',
  'issuetype',
  'project',
  'status',
  'assignee',
  'reporter',
  'creator',
  'created',
  'updated',
  'duedate',
  'labels',
  'parent',
  'fixVersions',
  'issuelinks',
  'subtasks',
  'resolution',
  'resolutiondate',
  'description',
  'comment',
] as const;

export type IssueField = (typeof ISSUE_FIELDS)[number];

/** `comment` is not navigable: it never shows as a column of the issue navigator. */
const NAVIGABLE = ISSUE_FIELDS.filter((f) => f !== 'comment');

/**
 * Which fields to return, from Jira's `fields` parameter: names, `*all`, `*navigable`,
 * and `-name` to leave one out. Commas and repeated parameters both work; unknown names
 * are ignored, as Jira ignores them.
 */
export function selectFields(requested: readonly string[] | undefined, fallback: '*all' | 'id'): Set<IssueField> {
  const items = (requested && requested.length > 0 ? requested : [fallback])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  const chosen = new Set<IssueField>();
  for (const item of items) {
    if (item === '*all') ISSUE_FIELDS.forEach((f) => chosen.add(f));
    else if (item === '*navigable') NAVIGABLE.forEach((f) => chosen.add(f));
    else if (isIssueField(item)) chosen.add(item);
  }
  for (const item of items) {
    const excluded = item.startsWith('-') ? item.slice(1) : '';
    if (isIssueField(excluded)) chosen.delete(excluded);
  }
  return chosen;
}

function isIssueField(name: string): name is IssueField {
  return ISSUE_FIELDS.some((f) => f === name);
}

/** Jira's `properties` parameter: keys, comma-separated or repeated, `*all` for every one. */
export function selectProperties(requested: readonly string[] | undefined): string[] | '*all' {
  const items = (requested ?? [])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return items.includes('*all') ? '*all' : items.filter((item) => !item.startsWith('-'));
}
