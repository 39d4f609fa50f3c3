import { z } from 'zod';
import { HANDSHAKE_WINDOW_MS } from '../../trackers/asana/asana-webhooks';
import { CLEANUP_TTL, createOnce } from '../storage/lock';
import type { KvsPort } from '../storage/kvs-port';

const announced = z.object({ projectKey: z.string(), expectedAt: z.number() });
const accepted = z.object({ projectKey: z.string(), secret: z.string() });
const watch = z.object({ hook: z.string(), webhook: z.string() });

/**
 * The Asana webhooks the app registered on change requests, in the app's storage:
 * - `asana-hook:<id>`, the announcement of a registration about to be made with `?hook=<id>` in
 *   its target (expires with the platform's clean-up: a registration that failed leaves nothing);
 * - `asana-hook-secret:<id>`, the secret of its handshake, written once by a conditional write,
 *   so of two handshakes racing for one id exactly one is kept, and nobody who finds the web
 *   trigger's URL can plant a secret of their own or replace the one Asana handed over;
 * - `asana-watch:<project>:<task>`, the webhook's gid, so it is deleted once the request is decided.
 */
export function kvsHookSecrets(kvs: KvsPort, now: () => number) {
  const parsed = async <T extends z.ZodType>(schema: T, key: string): Promise<z.output<T> | null> => {
    const value = schema.safeParse(await kvs.get(key));
    return value.success ? value.data : null;
  };
  const watchKey = (projectKey: string, task: string) => `asana-watch:${projectKey}:${task}`;
  return {
    async expect(id: string, projectKey: string): Promise<void> {
      await kvs.set(`asana-hook:${id}`, { projectKey, expectedAt: now() }, { ttl: CLEANUP_TTL });
    },
    /** The handshake: keeps `secret` if awaited and not yet given; false (nothing kept) otherwise. */
    async accept(id: string, secret: string): Promise<boolean> {
      const known = await parsed(announced, `asana-hook:${id}`);
      if (!known || now() - known.expectedAt > HANDSHAKE_WINDOW_MS) return false;
      return createOnce(kvs, `asana-hook-secret:${id}`, { projectKey: known.projectKey, secret }, null);
    },
    /** The project and the secret deliveries must be signed with, once the handshake was accepted. */
    of: (id: string) => parsed(accepted, `asana-hook-secret:${id}`),
    /** The webhook Asana made for the change request `task`, once `POST /webhooks` answered. */
    async watching(projectKey: string, task: string, hook: string, webhook: string): Promise<void> {
      await kvs.set(watchKey(projectKey, task), { hook, webhook });
    },
    watchOf: (projectKey: string, task: string) => parsed(watch, watchKey(projectKey, task)),
    /** Forgets the request's webhook: its deliveries are refused from now on. */
    async forget(projectKey: string, task: string, hook: string): Promise<void> {
      await kvs.delete(`asana-hook-secret:${hook}`);
      await kvs.delete(`asana-hook:${hook}`);
      await kvs.delete(watchKey(projectKey, task));
    },
  };
}
