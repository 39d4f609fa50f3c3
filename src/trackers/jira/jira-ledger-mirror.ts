import { z } from 'zod';
import type { LedgerMirror } from '../../provision/tracker';
import type { createJiraClient } from './jira-client';
import { jiraPath } from './jira-path';

/** Entity properties on the Epic, `handoff-ledger-0`, `-1`, …: each well under Jira's 32 KB a property. */
const PART_PREFIX = 'handoff-ledger-';
const IDS_PER_PART = 2_000;

const part = z.object({ ids: z.array(z.string()) });
const epicProperties = z.object({ properties: z.record(z.string(), z.unknown()).default({}) });

/**
 * The record's created issue ids, kept on its Epic: a GET of one issue is never behind a write,
 * unlike the search, so a run on another machine finds the keys of a run that ended a moment
 * ago. Parts fill in order; a write sends only the parts from the first one that changed.
 */
export function jiraLedgerMirror(client: ReturnType<typeof createJiraClient>): LedgerMirror {
  /** Ids this tracker last wrote per Epic, so a write sends only the parts that changed. */
  const written = new Map<string, number>();
  return {
    /** GET /rest/api/3/issue/{epic}?fields=summary&properties=*all — one request. */
    async read(parentKey) {
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/issue/${parentKey}?fields=${'summary'}&properties=${'*all'}`,
        undefined,
        [200, 404],
      );
      if (call.status === 404) return [];
      const { properties } = client.read(epicProperties, call, 'GET /rest/api/3/issue/{key}');
      const ids: string[] = [];
      for (let i = 0; ; i += 1) {
        const found = part.safeParse(properties[`${PART_PREFIX}${i}`]);
        if (!found.success) break;
        ids.push(...found.data.ids);
      }
      written.set(parentKey, ids.length);
      return ids;
    },

    /** PUT /rest/api/3/issue/{epic}/properties/handoff-ledger-{n} — one request per part that changed. */
    async write(parentKey, ids) {
      const from = Math.floor((written.get(parentKey) ?? 0) / IDS_PER_PART);
      for (let n = from; n * IDS_PER_PART < ids.length; n += 1) {
        const value = { ids: ids.slice(n * IDS_PER_PART, (n + 1) * IDS_PER_PART) };
        await client.send(
          'PUT',
          jiraPath`/rest/api/3/issue/${parentKey}/properties/${`${PART_PREFIX}${n}`}`,
          value,
          [200, 201],
        );
      }
      written.set(parentKey, ids.length);
    },
  };
}
