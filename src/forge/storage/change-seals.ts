import { z } from 'zod';
import type { ChangeSeals } from '../../usecases/change/seal';
import type { KvsPort } from './kvs-port';

const storedSeal = z.object({ digest: z.string() });

/**
 * The Forge app's seals: the digest of each change request it opened, in its own storage
 * (`change-seal:<PROJECT>:<issue key>`), which only the app can write — nothing goes on the
 * ticket, where anyone who may edit the issue could rewrite it.
 */
export function kvsChangeSeals(kvs: KvsPort, projectKey: string): ChangeSeals {
  const keyOf = (key: string) => `change-seal:${projectKey}:${key}`;
  return {
    async keep(key, digest) {
      await kvs.set(keyOf(key), { digest });
      return null;
    },
    async check(key, digest) {
      const stored = storedSeal.safeParse(await kvs.get(keyOf(key)));
      if (!stored.success) return 'missing';
      return stored.data.digest === digest ? 'sealed' : 'broken';
    },
  };
}
