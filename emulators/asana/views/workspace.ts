import type { View } from '../representation';

/** WorkspaceResponse: the local workspaces are workspaces, not organizations, so they have no e-mail domains. */
export const workspaceView: View = {
  resourceType: 'workspace',
  compact: ['gid', 'resource_type', 'name'],
  optIn: [],
  fields(v, gid) {
    const workspace = v.state.workspaces.find((w) => w.gid === gid);
    if (!workspace) return undefined;
    return { gid, resource_type: 'workspace', name: workspace.name, email_domains: [], is_organization: false };
  },
};
