import { z } from 'zod';
import { createAsanaApis, createAsanaCaller } from './asana-client';
import { read } from './asana-schemas';
import type { AsanaSend } from './asana-send';

/** A workspace the person is in, and, when it is an organization, the teams of it they are a member of. */
export type AsanaWorkspace = {
  gid: string;
  name: string;
  isOrganization: boolean;
  teams: Array<{ gid: string; name: string }>;
};

const workspaces = z.object({
  data: z.array(z.object({ gid: z.string(), name: z.string(), is_organization: z.boolean().default(false) })),
});
const teams = z.object({ data: z.array(z.object({ gid: z.string(), name: z.string() })) });

/**
 * Where a person may have a record provisioned, as Asana shows them: their workspaces and, in an
 * organization (whose projects belong to a team), their teams. One request, plus one per
 * organization. A person in more than 100 workspaces or teams is not a case this reads past.
 */
export async function asanaWorkspacesOf(connection: { basePath: string; send: AsanaSend }): Promise<AsanaWorkspace[]> {
  const apis = createAsanaApis(connection);
  const caller = createAsanaCaller();
  const found = read(
    workspaces,
    await caller.call('GET /workspaces', () =>
      apis.workspaces.getWorkspaces({ limit: 100, opt_fields: 'name,is_organization' }),
    ),
    'GET /workspaces',
  );
  return Promise.all(
    found.data.map(async (w) => ({
      gid: w.gid,
      name: w.name,
      isOrganization: w.is_organization,
      teams: w.is_organization
        ? read(
            teams,
            await caller.call('GET /users/{user_gid}/teams', () =>
              apis.teams.getTeamsForUser('me', w.gid, { limit: 100, opt_fields: 'name' }),
            ),
            'GET /users/{user_gid}/teams',
          ).data
        : [],
    })),
  );
}
