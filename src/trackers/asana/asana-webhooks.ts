import type { AsanaOAuthApp } from './asana-oauth';
import type { AsanaSend } from './asana-send';
import { createAsanaApis, createAsanaCaller } from './asana-client';
import { compact, envelope, read } from './asana-schemas';
import { TrackerError } from '../../provision/tracker-error';

/** A WebhookFilter, as Asana's `POST /webhooks` takes it. */
export type AsanaWebhookFilter = { resource_type: string; action?: string; fields?: string[] };

/** How long a registration waits for its handshake: Asana makes it while `POST /webhooks` is in flight. */
export const HANDSHAKE_WINDOW_MS = 60_000;

/** Only what approving needs: a task's `completed` changed. Asana sends nothing else. */
export const COMPLETIONS: readonly AsanaWebhookFilter[] = [
  { resource_type: 'task', action: 'changed', fields: ['completed'] },
];

/**
 * Asana's webhooks, through the same SDK and caller as the tracker (its token refresh, its
 * error sentences, its place under the concurrent-write limit).
 */
export function createAsanaWebhooks(options: {
  basePath: string;
  token?: string;
  oauth?: AsanaOAuthApp;
  send?: AsanaSend;
  timeoutMs?: number;
}) {
  const apis = createAsanaApis(options);
  const caller = createAsanaCaller({ timeoutMs: options.timeoutMs });
  return {
    /**
     * POST /webhooks — answered only after Asana's handshake with `target` went through (the
     * target must be serving); the new webhook's gid.
     */
    async create(resource: string, target: string, filters: readonly AsanaWebhookFilter[]): Promise<string> {
      const answer = await caller.call('POST /webhooks', () =>
        apis.webhooks.createWebhook({ data: { resource, target, filters } }, {}),
      );
      return read(envelope(compact), answer, 'POST /webhooks').data.gid;
    },
    /** DELETE /webhooks/{gid}: Asana stops delivering; one already gone (404) is as good. */
    async remove(gid: string): Promise<void> {
      try {
        await caller.call('DELETE /webhooks/{webhook_gid}', () => apis.webhooks.deleteWebhook(gid));
      } catch (error) {
        if (!(error instanceof TrackerError && error.status === 404)) throw error;
      }
    },
  };
}
