import type { BeginsWithClause, PolicySetOptions, SetOptions } from '@forge/kvs';

/**
 * The calls of `@forge/kvs` the app makes, and nothing more: `kvs` from `@forge/kvs` is one
 * implementation (index.ts proves it fits by assignment), the tests' in-memory store is the
 * other. Values are read back as `unknown` and parsed, never trusted.
 */
export type KvsPort = {
  get(key: string): Promise<unknown>;
  /**
   * `keyPolicy: 'FAIL_IF_EXISTS'` makes the write conditional (it
   * throws when the key exists); `ttl` lets the platform expire it.
   */
  set(key: string, value: unknown, options?: SetOptions | PolicySetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  query(): KvsQuery;
};

export type KvsQuery = {
  where(property: 'key', condition: BeginsWithClause): KvsQuery;
  limit(limit: number): KvsQuery;
  cursor(cursor: string): KvsQuery;
  getMany(): Promise<{ results: Array<{ key: string; value: unknown }>; nextCursor?: string }>;
};

/** Every entry whose key starts with `prefix`, page by page. */
export async function listByPrefix(kvs: KvsPort, prefix: string): Promise<Array<{ key: string; value: unknown }>> {
  const entries: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs
      .query()
      .where('key', { condition: 'BEGINS_WITH', values: [prefix] })
      .limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    entries.push(...page.results);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}
