import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

import { HANDSHAKE_WINDOW_MS } from '../../trackers/asana/asana-webhooks';

const hooks = z.record(
  z.string(),
  z.object({ project: z.string(), expectedAt: z.number(), secret: z.string().optional() }),
);

/**
 * The secret of each webhook, by the id in its target URL (`…/webhooks/<id>`). A secret is kept
 * only for an id a registration announced (`expect`) moments before, and only once: so nobody
 * who finds the URL can plant a secret of their own, or replace the one Asana handed over.
 */
export type HookSecrets = {
  /** A registration is about to `POST /webhooks` with this id in the target: its handshake is awaited. */
  expect(id: string, project: string): void;
  /** The handshake: keeps `secret` for `id` if awaited and not yet given; else false, and nothing is kept. */
  accept(id: string, secret: string): boolean;
  /** The secret deliveries for `id` must be signed with, once its handshake was accepted. */
  secretOf(id: string): string | undefined;
};

/**
 * Secrets in `<dir>/asana-webhooks.json` (mode 0600), shared by the CLI that registers a webhook
 * and the app server that answers its handshake. Read and written whole, synchronously, and
 * replaced atomically, so the two processes never see half a file.
 */
export function fileHookSecrets(dir: string, now: () => number = Date.now): HookSecrets {
  const file = join(dir, 'asana-webhooks.json');
  const load = () => (existsSync(file) ? hooks.parse(JSON.parse(readFileSync(file, 'utf8'))) : {});
  const save = (value: z.infer<typeof hooks>) => {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value, null, 2), { mode: 0o600 });
    renameSync(temp, file);
  };
  return {
    expect(id, project) {
      save({ ...load(), [id]: { project, expectedAt: now() } });
    },
    accept(id, secret) {
      const all = load();
      const hook = all[id];
      if (!hook || hook.secret !== undefined || now() - hook.expectedAt > HANDSHAKE_WINDOW_MS) return false;
      save({ ...all, [id]: { ...hook, secret } });
      return true;
    },
    secretOf: (id) => load()[id]?.secret,
  };
}
