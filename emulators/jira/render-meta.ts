import type { IssueType, LinkType, Project, SiteState, Status, User, Version } from './site-state';
import { findUser } from './lookups';
import { userJson } from './render-user';

/** Jira's three status categories, with their fixed ids and colours. */
const CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

/** `IssueTypeDetails` has no `description` (the spec forbids extra properties), so neither do we. */
export function issueTypeJson(base: string, type: IssueType) {
  return {
    self: `${base}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    iconUrl: `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: Number(type.id),
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function statusJson(base: string, status: Status) {
  const category = CATEGORIES[status.category];
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export function linkTypeJson(base: string, type: LinkType) {
  return {
    id: type.id,
    name: type.name,
    inward: type.inward,
    outward: type.outward,
    self: `${base}/rest/api/3/issueLinkType/${type.id}`,
  };
}

export function versionJson(base: string, version: Version) {
  return {
    self: `${base}/rest/api/3/version/${version.id}`,
    id: version.id,
    name: version.name,
    ...(version.description === undefined ? {} : { description: version.description }),
    archived: version.archived,
    released: version.released,
    ...(version.startDate === undefined ? {} : { startDate: version.startDate }),
    ...(version.releaseDate === undefined ? {} : { releaseDate: version.releaseDate }),
    projectId: Number(version.projectId),
  };
}

/** The short form of a project that issues carry in `fields.project`. */
export function projectRefJson(base: string, project: Project) {
  return {
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: Object.fromEntries(
      ['48x48', '24x24', '16x16', '32x32'].map((size) => [
        size,
        `${base}/rest/api/3/universal_avatar/view/type/project/avatar/${project.id}?size=${size}`,
      ]),
    ),
  };
}

/** `GET /project/{key}`'s full form. */
export function projectJson(base: string, site: SiteState, project: Project, viewer: User) {
  const lead = findUser(site, project.leadAccountId);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRefJson(base, project),
    description: '',
    ...(lead ? { lead: userJson(base, lead, viewer) } : {}),
    components: [],
    issueTypes: site.issueTypes.filter((t) => project.issueTypeIds.includes(t.id)).map((t) => issueTypeJson(base, t)),
    assigneeType: 'UNASSIGNED',
    versions: site.versions.filter((v) => v.projectId === project.id).map((v) => versionJson(base, v)),
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}
