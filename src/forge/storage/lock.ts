import { z } from 'zod';
import type { KvsPort } from './kvs-port';
import type { Ttl } from '@forge/kvs';

/**
 * One provisioning at a time per project, on KVS's only atomic primitive: a write with
 * `keyPolicy: 'FAIL_IF_EXISTS'` succeeds for exactly one of several concurrent callers.
 *
 * The lock says when it stops counting (`expiresAt`), so a consumer that crashed cannot hold
 * it forever. A stale lock is taken over through a second conditional write keyed by the stale
 * owner: of several callers that find the same stale lock, one wins. The platform TTL is far
 * longer than `expiresAt` and only cleans up; correctness never waits for the platform to expire a key.
 */
const lockValue = z.object({ owner: z.string(), expiresAt: z.number() });

export const CLEANUP_TTL = { value: 1, unit: 'DAYS' } as const;

export type Locks = ReturnType<typeof createLocks>;

export function createLocks(kvs: KvsPort, now: () => number) {
  const read = async (name: string) => {
    const value = lockValue.safeParse(await kvs.get(`lock:${name}`));
    return value.success ? value.data : null;
  };

  return {
    /** True when `owner` now holds the lock for `ttlMs`. */
    async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
      const value = { owner, expiresAt: now() + ttlMs };
      if (await createOnce(kvs, `lock:${name}`, value)) return true;
      const current = await read(name);
      // Released between the two calls: try once more, as a newcomer.
      if (!current) return createOnce(kvs, `lock:${name}`, value);
      if (current.expiresAt > now()) return false;
      if (!(await createOnce(kvs, `takeover:${name}:${current.owner}`, { owner }))) return false;
      await kvs.set(`lock:${name}`, value, { ttl: CLEANUP_TTL });
      return true;
    },

    /** Extends the lock if `owner` still holds it; false when it was lost (expired and taken). */
    async refresh(name: string, owner: string, ttlMs: number): Promise<boolean> {
      const current = await read(name);
      if (current?.owner !== owner) return false;
      await kvs.set(`lock:${name}`, { owner, expiresAt: now() + ttlMs }, { ttl: CLEANUP_TTL });
      return true;
    },

    async holder(name: string): Promise<string | null> {
      const current = await read(name);
      return current && current.expiresAt > now() ? current.owner : null;
    },

    async release(name: string, owner: string): Promise<void> {
      if ((await read(name))?.owner === owner) await kvs.delete(`lock:${name}`);
    },
  };
}

/**
 * The conditional write. The error KVS raises when the key exists is not relied on: after any
 * failure, a key that is there means someone else won; a key that is not means a real error.
 * A `ttl` of null keeps the key until it is deleted.
 */
export async function createOnce(
  kvs: KvsPort,
  key: string,
  value: unknown,
  ttl: Ttl | null = CLEANUP_TTL,
): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...(ttl ? { ttl } : {}) });
    return true;
  } catch (error) {
    if ((await kvs.get(key)) !== undefined) return false;
    throw error;
  }
}
