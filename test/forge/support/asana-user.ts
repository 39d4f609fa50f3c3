import { LOCAL_ASANA_OAUTH_TOKEN, type LocalAsana } from '../../../emulators/asana/index';
import type { AsanaUser } from '../../../src/forge/asana/asana-access';

/**
 * The local Asana's admin as a page user who connected Asana: requests go through a send function
 * as Forge's provider fetch sends them, with the admin's OAuth token added on the way.
 */
export function connectedAsanaAdmin(asana: Pick<LocalAsana, 'url'>): AsanaUser {
  return {
    connection: {
      basePath: '',
      // Where a person opens a task: the local Asana's own pages.
      appUrl: new URL(asana.url).origin,
      tokenKind: 'oauth',
      send: (path, init) =>
        fetch(`${asana.url}${path}`, {
          ...init,
          headers: { ...init.headers, authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
        }),
    },
    connected: async () => true,
    account: async () => ({ id: '1', name: 'Handoff Admin' }),
    connect: async () => undefined,
  };
}
