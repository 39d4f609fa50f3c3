import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteState, type SiteState } from './site-state.ts';

export type SiteStore = {
  readonly file: string;
  /** The site as it is now: reloaded first when another process has rewritten the file. */
  read(): SiteState;
  /** Writes the site if a request changed it: temp file + rename, so no reader sees half a file. */
  save(): void;
};

/**
 * One local site in one JSON file. The CLI and a dev server may share a data directory, so
 * each request starts by comparing the file's identity (inode, mtime, size) with the one
 * this process last saw, and each write replaces the file atomically. Sync I/O on purpose:
 * a request's read-modify-write then cannot interleave with another request's.
 */
export function openSiteStore(options: { dataDir: string; fresh: boolean; seed: () => SiteState }): SiteStore {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'site.json');
  let state: SiteState;
  let written = '';
  let stamp = '';

  function write(next: SiteState): void {
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
    state = next;
    written = text;
    stamp = stampOf(file) ?? '';
  }

  function load(): SiteState {
    const text = readFileSync(file, 'utf8');
    const parsed = siteState.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new Error(`${file} is not a local Jira site (${parsed.error.issues[0]?.message ?? 'invalid'}); start with fresh: true to replace it`);
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
      if (current === undefined) write(state); // deleted under us: the site we hold is the truth
      else if (current !== stamp) state = load();
      return state;
    },
    save() {
      if (`${JSON.stringify(state, null, 2)}\n` !== written) write(state);
    },
  };
}

function stampOf(file: string): string | undefined {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  } catch {
    return undefined;
  }
}
