import { z } from 'zod';
import { itemFailure, linkFailure, type RunFailures } from '../queue/journal';
import type { KvsPort } from './kvs-port';

/**
 * A run's failures (items and links, each with Jira's reason) in pages beside its journal,
 * `run-failures:<KEY>:<runId>:<page>`: one KVS value holds at most 240 KiB, and a run where
 * every item fails (a create screen requiring a field the plan does not set) has thousands.
 * Pages are filled items first, then links, each to at most PAGE_BYTES, so the list only grows
 * at its end while a run works and a save rewrites just the pages that changed.
 */
const PAGE_BYTES = 96 * 1024;
/** One reason can never fill a page: Jira's are a sentence or two, a longer one is cut. */
const MAX_REASON_CHARS = 2_000;

const page = z.object({ items: z.array(itemFailure), links: z.array(linkFailure) });
type Page = z.infer<typeof page>;

export type FailurePages = {
  /** The failures in the first `pages` pages (the count the journal keeps); a missing page reads as empty. */
  load(pages: number): Promise<RunFailures>;
  /** Writes the pages of `failures` that differ from what this handle last read or wrote; returns their count. */
  save(failures: RunFailures): Promise<number>;
  remove(pages: number): Promise<void>;
};

export function failurePages(kvs: KvsPort, projectKey: string, runId: string): FailurePages {
  const keyOf = (index: number) => `run-failures:${projectKey}:${runId}:${index}`;
  let written: string[] = [];
  return {
    async load(pages) {
      const read = await Promise.all(Array.from({ length: pages }, (_, i) => kvs.get(keyOf(i))));
      const parsed = read.map((value) => page.safeParse(value).data ?? { items: [], links: [] });
      written = parsed.map((p) => JSON.stringify(p));
      return { items: parsed.flatMap((p) => p.items), links: parsed.flatMap((p) => p.links) };
    },

    async save(failures) {
      const pages = paged(failures).map((p) => JSON.stringify(p));
      for (const [index, json] of pages.entries())
        if (written[index] !== json) await kvs.set(keyOf(index), JSON.parse(json));
      // Fewer pages than before (the outcome's failures replace the working list): the rest go.
      for (let index = pages.length; index < written.length; index += 1) await kvs.delete(keyOf(index));
      written = pages;
      return pages.length;
    },

    async remove(pages) {
      for (let index = 0; index < pages; index += 1) await kvs.delete(keyOf(index));
      written = [];
    },
  };
}

function paged(failures: RunFailures): Page[] {
  const cut = (reason: string) =>
    reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
  const pages: Page[] = [];
  let current: Page = { items: [], links: [] };
  // Bytes of `current` as JSON: the wrapper, then each entry and its comma.
  let bytes = Buffer.byteLength(JSON.stringify(current));
  const add = (entry: object, put: (p: Page) => void) => {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (bytes + size > PAGE_BYTES) {
      pages.push(current);
      current = { items: [], links: [] };
      bytes = Buffer.byteLength(JSON.stringify(current));
    }
    put(current);
    bytes += size;
  };
  for (const f of failures.items) {
    const entry = { itemId: f.itemId, error: cut(f.error) };
    add(entry, (p) => p.items.push(entry));
  }
  for (const f of failures.links) {
    const entry = { blocked: f.blocked, blocker: f.blocker, error: cut(f.error) };
    add(entry, (p) => p.links.push(entry));
  }
  if (current.items.length > 0 || current.links.length > 0) pages.push(current);
  return pages;
}
