import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { z } from 'zod';

export type JsonStore<T> = {
  readonly file: string;
  /** The state as it is now: reloaded first when another process has rewritten the file. */
  read(): T;
  /** Writes the state if a request changed it: temp file + rename, so no reader sees half a file. */
  save(): void;
};

export type JsonStoreOptions<T> = {
  dataDir: string;
  /** `site.json`, `asana.json`: one emulator's whole state. */
  fileName: string;
  /** Start from the seed, replacing whatever the file held. */
  fresh: boolean;
  /** False: the state lives in this process only, seeded, and no file is read or written. */
  persist?: boolean;
  seed: () => T;
  /** Checks the file whenever it is read back, because another process may have written it. */
  schema: z.ZodType<T>;
  /** `local Jira site`: named in the error when the file holds something else. */
  kind: string;
};

/**
 * One emulator's state in one JSON file. The CLI and a dev server may share a data
 * directory, so each request starts by comparing the file's identity (inode, mtime, size)
 * with the one this process last saw, and each write replaces the file atomically. Sync
 * I/O on purpose: a request's read-modify-write then cannot interleave with another's.
 */
export function openJsonStore<T>(options: JsonStoreOptions<T>): JsonStore<T> {
  if (options.persist === false) return memoryStore(options.seed());
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, options.fileName);
  let state: T;
  let written = '';
  let stamp = '';

  // Compact JSON, serialised once per write: at thousands of issues, every write request of
  // the emulator pays for this (the provisioning benchmark measured it).
  const serialise = (value: T) => JSON.stringify(value);

  function write(next: T, text = serialise(next)): void {
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
    state = next;
    written = text;
    stamp = stampOf(file) ?? '';
  }

  function load(): T {
    const text = readFileSync(file, 'utf8');
    const parsed = options.schema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(
        `${file} is not a ${options.kind} (${parsed.error.issues[0]?.message ?? 'invalid'}); ` +
          `start with fresh: true to replace it`,
      );
    }
    written = text;
    stamp = stampOf(file) ?? '';
    return parsed.data;
  }

  if (options.fresh || !existsSync(file)) write(options.seed());
  else state = load();

  return {
    file,
    read() {
      const current = stampOf(file);
      if (current === undefined)
        write(state); // deleted under us: the state we hold is the truth
      else if (current !== stamp) state = load();
      return state;
    },
    save() {
      const text = serialise(state);
      if (text !== written) write(state, text);
    },
  };
}

/**
 * The state in memory only: the benchmark's sites, whose thousands of writes would otherwise each
 * serialise and rewrite megabytes — the emulator's own cost, which no real service puts on its client.
 */
function memoryStore<T>(state: T): JsonStore<T> {
  return { file: '', read: () => state, save: () => undefined };
}

function stampOf(file: string): string | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

/**
 * Gives each request the state as it is on disk now (through `attach`) and writes it back
 * after a request that may have changed it. Everything between the two is synchronous, so
 * two requests of this process never interleave their changes.
 */
export function storeSession<E extends Env, T>(
  store: JsonStore<T>,
  attach: (c: Context<E>, state: T) => void,
  /** Requests inside another (a batch's actions) leave the write to the outer one: once per batch. */
  nested: (c: Context<E>) => boolean = () => false,
): MiddlewareHandler<E> {
  return async (c, next) => {
    attach(c, store.read());
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !nested(c)) store.save();
  };
}
