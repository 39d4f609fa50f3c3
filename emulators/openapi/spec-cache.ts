import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A YAML spec parsed once per version of the file. Parsing Asana's 3 MB YAML takes 0.7–2 s
 * and every test file runs in its own worker, so the parse is kept as JSON (fifteen times
 * faster to read) in the OS temp directory, keyed by the file's path, mtime and size. A
 * cache that cannot be read or written is simply skipped.
 */
export function cachedParse(file: string, parse: () => unknown): unknown {
  const cacheFile = cacheFileFor(file);
  if (cacheFile) {
    try {
      return JSON.parse(readFileSync(cacheFile, 'utf8'));
    } catch {
      // not cached yet, or unreadable: parse below
    }
  }
  const parsed = parse();
  if (cacheFile) {
    try {
      mkdirSync(join(tmpdir(), 'handoff-spec-cache'), { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(parsed));
      renameSync(temp, cacheFile);
    } catch {
      // a read-only temp directory costs speed, not correctness
    }
  }
  return parsed;
}

function cacheFileFor(file: string): string | undefined {
  try {
    const stat = statSync(file);
    const key = createHash('sha256')
      .update(`${resolve(file)}:${stat.mtimeMs}:${stat.size}`)
      .digest('hex')
      .slice(0, 24);
    return join(tmpdir(), 'handoff-spec-cache', `${key}.json`);
  } catch {
    return undefined;
  }
}
