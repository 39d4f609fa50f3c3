import { z } from 'zod';
import type { KvsPort } from '../storage/kvs-port';

/** How long a registration waits for its handshake: Asana makes it while `POST /webhooks` is in flight. */
export const HANDSHAKE_WINDOW_MS = 60_000;

const hook = z.object({ projectKey: z.string(), expectedAt: z.number(), secret: z.string().optional() });

/**
 * The secret of each Asana webhook the app registered, by the id in its target (`?hook=<id>`), in
 * the app's storage (`asana-hook:<id>`). A secret is kept only for an id a registration announced
 * moments before, and only once: nobody who finds the web trigger's URL can plant a secret of
 * their own, or replace the one Asana handed over.
 */
export function kvsHookSecrets(kvs: KvsPort, now: () => number) {
  const read = async (id: string) => {
    const parsed = hook.safeParse(await kvs.get(`asana-hook:${id}`));
    return parsed.success ? parsed.data : null;
  };
  return {
    async expect(id: string, projectKey: string): Promise<void> {
      await kvs.set(`asana-hook:${id}`, { projectKey, expectedAt: now() });
    },
    /** The handshake: keeps `secret` if awaited and not yet given; false (nothing kept) otherwise. */
    async accept(id: string, secret: string): Promise<boolean> {
      const known = await read(id);
      if (!known || known.secret !== undefined || now() - known.expectedAt > HANDSHAKE_WINDOW_MS) return false;
      await kvs.set(`asana-hook:${id}`, { ...known, secret });
      return true;
    },
    /** The project and the secret deliveries must be signed with, once the handshake was accepted. */
    async of(id: string): Promise<{ projectKey: string; secret: string } | null> {
      const known = await read(id);
      return known?.secret ? { projectKey: known.projectKey, secret: known.secret } : null;
    },
  };
}
