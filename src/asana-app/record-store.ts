import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRecord } from '../domain/record/read-record';
import type { HandoffRecord } from '../domain/record/record';
import type { Problem } from '../domain/problem';

export type StoredRecord = { id: string; title: string; record: HandoffRecord };

/**
 * Where the records of a team that lives in Asana are kept: the app server's own data
 * directory, one file per record (`<data>/records/<record id>.yaml`, the YAML as given). A
 * record enters only through the domain's reader — the same validation as `handoff validate` —
 * so a file here is always a record; saving one with an id already stored replaces it.
 */
export function recordStore(dataDir: string) {
  const dir = join(dataDir, 'records');
  const fileOf = (id: string) => join(dir, `${id}.yaml`);

  async function get(id: string): Promise<StoredRecord | null> {
    // Record ids are `[a-z0-9-]` (the schema's), so anything else is no file of ours.
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return null;
    const text = await readFile(fileOf(id), 'utf8').catch(() => null);
    const read = text === null ? null : readRecord(text);
    return read?.ok ? { id: read.value.id, title: read.value.title, record: read.value } : null;
  }

  return {
    /** Validates and stores; the problems (with line and path) when the text is no valid record. */
    async save(text: string): Promise<{ ok: true; stored: StoredRecord } | { ok: false; problems: Problem[] }> {
      const read = readRecord(text);
      if (!read.ok) return { ok: false, problems: read.problems };
      await mkdir(dir, { recursive: true });
      const temporary = `${fileOf(read.value.id)}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, fileOf(read.value.id));
      return { ok: true, stored: { id: read.value.id, title: read.value.title, record: read.value } };
    },
    get,
    /** The records whose id or title contains `fragment` (case-insensitive), by id, at most `limit`. */
    async search(fragment: string, limit: number): Promise<StoredRecord[]> {
      const names = await readdir(dir).catch((): string[] => []);
      const ids = names.filter((n) => n.endsWith('.yaml')).map((n) => n.slice(0, -'.yaml'.length));
      const wanted = fragment.trim().toLowerCase();
      const found: StoredRecord[] = [];
      for (const id of ids.sort()) {
        const stored = await get(id);
        if (stored && `${stored.id} ${stored.title}`.toLowerCase().includes(wanted)) found.push(stored);
        if (found.length === limit) break;
      }
      return found;
    },
  };
}

export type RecordStore = ReturnType<typeof recordStore>;
