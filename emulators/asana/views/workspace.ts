import type { View } from '../representation';

/**
 * WorkspaceResponse: an organization (a company's workspace, whose projects belong to teams) or a
 * plain workspace. `email_domains` stays empty: the spec types its items as URIs, while Asana's
 * own example is `asana.com`, so no domain would pass the spec check.
 */
export const workspaceView: View = {
  resourceType: 'workspace',
  compact: ['gid', 'resource_type', 'name'],
  optIn: [],
  fields(v, gid) {
    const workspace = v.state.workspaces.find((w) => w.gid === gid);
    if (!workspace) return undefined;
    return {
      gid,
      resource_type: 'workspace',
      name: workspace.name,
      email_domains: [],
      is_organization: workspace.isOrganization,
    };
  },
};
