import type { PolicySetOptions, SetOptions, Ttl } from '@forge/kvs';
import { ForgeKvsAPIError } from '@forge/kvs';
import { z } from 'zod';
import type { KvsPort, KvsQuery } from '../forge/storage/kvs-port';
import { openJsonStore } from '../../emulators/common/json-store';

/**
 * `@forge/kvs` replaced at its boundary: the same calls (get / set with `keyPolicy` and `ttl` /
 * delete / query by key prefix), held to the documented limits (limits-kvs-ce, handling-errors-kvs)
 * and refusing with the error `@forge/kvs` throws (`ForgeKvsAPIError`, its code and status):
 * keys of 2 to 500 characters matching /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/, values of at most
 * 240 KiB as JSON bytes (the docs say "in RAW"; JSON is what the client sends) and nested at
 * most 31 deep. A conditional write on an existing key answers 409 KEY_CONFLICT.
 *
 * In memory for the tests; in a JSON file for the dev server (`createFileKvs`), so what the
 * panel saved is still there after a restart.
 */
export type LocalKvs = KvsPort & {
  /** Every live entry, for tests that read what was stored. */
  entries(): Array<{ key: string; value: unknown }>;
  writes(): number;
};

const kvsState = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({ json: z.string(), expiresAt: z.number().nullable() })),
});
type KvsState = z.infer<typeof kvsState>;
/** Where the entries live: `read` gives the current state, `save` keeps a change. */
type KvsHolder = { read(): KvsState; save(): void };

const KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
export const KVS_LIMITS = { valueBytes: 240 * 1024, keyChars: 500, depth: 31 } as const;
const TTL_MS: Record<Ttl['unit'], number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/** What `@forge/kvs` throws when the service answers an error: `code` is the documented one. */
export function kvsRefusal(status: number, code: string, message: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError({ status, statusText: code }, { code, message });
}

export function createMemoryKvs(now: () => number = Date.now): LocalKvs {
  const state: KvsState = { version: 1, entries: {} };
  return createLocalKvs({ read: () => state, save: () => {} }, now);
}

/** A KVS kept in `<dataDir>/kvs.json`; `fresh` starts it empty. */
export function createFileKvs(options: { dataDir: string; fresh: boolean; now?: () => number }): LocalKvs {
  const store = openJsonStore<KvsState>({
    dataDir: options.dataDir,
    fileName: 'kvs.json',
    fresh: options.fresh,
    schema: kvsState,
    kind: 'local Forge store',
    seed: () => ({ version: 1, entries: {} }),
  });
  return createLocalKvs(store, options.now);
}

function createLocalKvs(holder: KvsHolder, now: () => number = Date.now): LocalKvs {
  let writes = 0;
  const data = () => holder.read().entries;
  const live = (key: string) => {
    const entry = data()[key];
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      delete data()[key];
      holder.save();
      return undefined;
    }
    return entry;
  };
  const checkKey = (key: string) => {
    if (key.length < 2) throw kvsRefusal(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
    if (key.length > KVS_LIMITS.keyChars)
      throw kvsRefusal(
        400,
        'KEY_TOO_LONG',
        `The provided key has exceeded the maximum ${KVS_LIMITS.keyChars} characters.`,
      );
    if (!KEY.test(key)) throw kvsRefusal(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY}`);
  };
  const sorted = () =>
    Object.keys(data())
      .filter((key) => live(key))
      .sort();
  const valueOf = (key: string): unknown => JSON.parse(live(key)?.json ?? 'null');

  const query = (prefix = '', after?: string, limit = 10): KvsQuery => ({
    where: (_property, condition) => query(String(condition.values[0]), after, limit),
    limit: (n) => query(prefix, after, n),
    cursor: (c) => query(prefix, c, limit),
    getMany: async () => {
      const keys = sorted().filter((k) => k.startsWith(prefix) && (after === undefined || k > after));
      const page = keys.slice(0, limit);
      const results = page.map((key) => ({ key, value: valueOf(key) }));
      return keys.length > limit ? { results, nextCursor: page.at(-1) } : { results };
    },
  });

  return {
    async get(key) {
      checkKey(key);
      const entry = live(key);
      return entry ? JSON.parse(entry.json) : undefined;
    },
    async set(key, value, options?: SetOptions | PolicySetOptions) {
      checkKey(key);
      const json = JSON.stringify(value);
      if (json === undefined) throw kvsRefusal(400, 'INVALID_VALUE', `The value of ${key} is not JSON.`);
      const bytes = Buffer.byteLength(json);
      if (bytes > KVS_LIMITS.valueBytes)
        throw kvsRefusal(400, 'MAX_SIZE', `The value of ${key} (${bytes} bytes) has exceeded the maximum size limit.`);
      if (depth(value) > KVS_LIMITS.depth)
        throw kvsRefusal(
          400,
          'MAX_DEPTH',
          `The value of ${key} has exceeded the maximum depth of ${KVS_LIMITS.depth}.`,
        );
      if (options && 'keyPolicy' in options && options.keyPolicy === 'FAIL_IF_EXISTS' && live(key))
        throw kvsRefusal(409, 'KEY_CONFLICT', `The key ${key} already exists.`);
      writes += 1;
      data()[key] = { json, expiresAt: options?.ttl ? now() + options.ttl.value * TTL_MS[options.ttl.unit] : null };
      holder.save();
    },
    async delete(key) {
      checkKey(key);
      delete data()[key];
      holder.save();
    },
    query: () => query(),
    entries: () => sorted().map((key) => ({ key, value: valueOf(key) })),
    writes: () => writes,
  };
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depth));
}
