import { z } from 'zod';
import type { KvsPort } from './kvs-port';

const gid = z.string().regex(/^\d+$/);

/**
 * Where a project's record is provisioned: this Jira project (the default: nothing stored), or
 * an Asana team of a workspace. The names are kept beside the gids so the page says where
 * without asking Asana. `target:<KEY>` in the app's storage.
 */
export const provisionTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('jira') }),
  z.object({
    kind: z.literal('asana'),
    workspace: gid,
    workspaceName: z.string().min(1),
    /** An organization's projects belong to a team; a plain workspace has none. */
    team: gid.nullable(),
    teamName: z.string().nullable(),
  }),
]);
export type ProvisionTarget = z.infer<typeof provisionTarget>;
export type AsanaTarget = Extract<ProvisionTarget, { kind: 'asana' }>;

const JIRA: ProvisionTarget = { kind: 'jira' };

export function targetStore(kvs: KvsPort) {
  return {
    /** A value that no longer has its shape reads as the default, Jira, as an absent one does. */
    async load(projectKey: string): Promise<ProvisionTarget> {
      const parsed = provisionTarget.safeParse(await kvs.get(`target:${projectKey}`));
      return parsed.success ? parsed.data : JIRA;
    },
    async save(projectKey: string, target: ProvisionTarget): Promise<void> {
      if (target.kind === 'jira') await kvs.delete(`target:${projectKey}`);
      else await kvs.set(`target:${projectKey}`, target);
    },
  };
}

/** How the page names a target: "DEL" or "Asana · Delivery team (Acme Corp)". */
export function targetName(target: ProvisionTarget, projectKey: string): string {
  if (target.kind === 'jira') return projectKey;
  return `Asana · ${target.teamName ?? target.workspaceName}`;
}
