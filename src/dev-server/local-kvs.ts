import type { PolicySetOptions, SetOptions, Ttl } from '@forge/kvs';
import { z } from 'zod';
import type { KvsPort, KvsQuery } from '../forge/storage/kvs-port';
import { openJsonStore } from '../../emulators/common/json-store';

/**
 * `@forge/kvs` replaced at its boundary: the same calls (get / set with `keyPolicy` and `ttl` /
 * delete / query by key prefix), held to the documented rules — keys match
 * /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and are at most 500 characters, values are JSON (stored as
 * copies) no deeper than 32 — and, assumed from the platform's limits, at most 240 KiB each.
 * A conditional write on an existing key throws, as KVS answers 409 KEY_CONFLICT.
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
const MAX_VALUE_BYTES = 240 * 1024;
const TTL_MS: Record<Ttl['unit'], number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

export class KvsConflict extends Error {
  readonly code = 'KEY_CONFLICT';
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
    if (key.length < 2 || key.length > 500 || !KEY.test(key)) throw new Error(`INVALID_KEY: ${key}`);
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
      if (json === undefined) throw new Error('INVALID_VALUE');
      if (Buffer.byteLength(json) > MAX_VALUE_BYTES) throw new Error(`MAX_SIZE: ${key}`);
      if (depth(value) > 32) throw new Error(`MAX_DEPTH: ${key}`);
      if (options && 'keyPolicy' in options && options.keyPolicy === 'FAIL_IF_EXISTS' && live(key))
        throw new KvsConflict(`key ${key} exists`);
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
