import type { IssueField } from './field-selection';
import { findUser, projectOf } from './lookups';
import { issueTypeJson, linkTypeJson, projectRefJson, statusJson, versionJson } from './render-meta';
import { userJson } from './render-user';
import { RESOLUTIONS, resolutionJson } from './screens';
import type { Issue, SiteState, User } from './site-state';

/**
 * `withKey`: a search that names `key` gets the envelope (id, key, self) even with no fields.
 * `viewer`: who asks, which decides whose e-mails show (render-user.ts).
 */
export type IssueView = {
  fields: ReadonlySet<IssueField>;
  properties: readonly string[] | '*all';
  withKey?: boolean;
  viewer: User;
};

/**
 * An issue as `GET /rest/api/3/issue/{key}` and search return it: the envelope, the chosen
 * fields, and the chosen entity properties. A search that asks for `id` only gets `{ id }`.
 */
export function issueJson(site: SiteState, base: string, issue: Issue, view: IssueView) {
  const wantedProperties = view.properties === '*all' ? Object.keys(issue.properties) : view.properties;
  const properties = Object.fromEntries(
    wantedProperties.filter((key) => Object.hasOwn(issue.properties, key)).map((key) => [key, issue.properties[key]]),
  );
  const showProperties = view.properties === '*all' || view.properties.length > 0;
  if (view.fields.size === 0 && !showProperties && !view.withKey) return { id: issue.id };
  const fields: Record<string, unknown> = {};
  for (const field of view.fields) {
    const value = fieldValue(site, base, issue, field, view.viewer);
    if (value !== undefined) fields[field] = value;
  }
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields,
    ...(showProperties ? { properties } : {}),
  };
}

function fieldValue(site: SiteState, base: string, issue: Issue, field: IssueField, viewer: User): unknown {
  const user = (accountId: string | null) => {
    const found = accountId === null ? undefined : findUser(site, accountId);
    return found ? userJson(base, found, viewer) : null;
  };
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description ?? null;
    case 'issuetype':
      return typeOf(site, base, issue);
    case 'project':
      return projectRefJson(base, projectOf(site, issue));
    case 'status':
      return statusOf(site, base, issue);
    case 'assignee':
      return user(issue.assigneeId);
    case 'reporter':
    case 'creator':
      return user(issue.reporterId);
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'duedate':
      return issue.duedate;
    case 'labels':
      return issue.labels;
    case 'resolution': {
      const resolution = RESOLUTIONS.find((r) => r.id === issue.fieldValues?.resolution);
      return resolution ? resolutionJson(base, resolution) : null;
    }
    case 'resolutiondate':
      return null;
    case 'parent': {
      const parent = site.issues.find((i) => i.id === issue.parentId);
      return parent ? linkedIssueJson(site, base, parent) : undefined;
    }
    case 'fixVersions':
      return site.versions.filter((v) => issue.fixVersionIds.includes(v.id)).map((v) => versionJson(base, v));
    case 'subtasks':
      return site.issues
        .filter((i) => i.parentId === issue.id && typeOf(site, base, i)?.subtask)
        .map((i) => linkedIssueJson(site, base, i));
    case 'issuelinks':
      return issueLinksJson(site, base, issue);
    case 'comment':
      return {
        comments: issue.comments.map((c) => commentJson(site, base, issue, c, viewer)),
        self: `${base}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      };
  }
}

/**
 * Each link as the issue sees it. A link's source is said to "blocks" its destination, so
 * on the source the other issue is the `outwardIssue`, on the destination the `inwardIssue`.
 */
function issueLinksJson(site: SiteState, base: string, issue: Issue) {
  return site.links
    .filter((l) => l.sourceId === issue.id || l.destinationId === issue.id)
    .flatMap((link) => {
      const type = site.linkTypes.find((t) => t.id === link.typeId);
      const otherId = link.sourceId === issue.id ? link.destinationId : link.sourceId;
      const other = site.issues.find((i) => i.id === otherId);
      if (!type || !other) return [];
      const side = link.sourceId === issue.id ? 'outwardIssue' : 'inwardIssue';
      return [
        {
          id: link.id,
          self: `${base}/rest/api/3/issueLink/${link.id}`,
          type: linkTypeJson(base, type),
          [side]: linkedIssueJson(site, base, other),
        },
      ];
    });
}

/** The short form of another issue: in links, parents and sub-tasks. */
export function linkedIssueJson(site: SiteState, base: string, issue: Issue) {
  return {
    id: issue.id,
    key: issue.key,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    fields: { summary: issue.summary, status: statusOf(site, base, issue), issuetype: typeOf(site, base, issue) },
  };
}

export function commentJson(
  site: SiteState,
  base: string,
  issue: Issue,
  comment: Issue['comments'][number],
  viewer: User,
) {
  const author = findUser(site, comment.authorId);
  const shown = author && userJson(base, author, viewer);
  const who = shown ? { author: shown, updateAuthor: shown } : {};
  return {
    self: `${base}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    ...who,
    body: comment.body,
    created: comment.created,
    updated: comment.updated,
    jsdPublic: true,
  };
}

function statusOf(site: SiteState, base: string, issue: Issue) {
  const status = site.statuses.find((s) => s.id === issue.statusId);
  return status ? statusJson(base, status) : undefined;
}

function typeOf(site: SiteState, base: string, issue: Issue) {
  const type = site.issueTypes.find((t) => t.id === issue.issueTypeId);
  return type ? issueTypeJson(base, type) : undefined;
}
