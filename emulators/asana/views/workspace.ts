import type { View } from '../representation';

/**
 * WorkspaceResponse. An organization is a company's workspace, known by its people's e-mail
 * domain (the demo's people are all at handoff.local); a plain workspace has none.
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
      email_domains: workspace.isOrganization ? ['handoff.local'] : [],
      is_organization: workspace.isOrganization,
    };
  },
};
