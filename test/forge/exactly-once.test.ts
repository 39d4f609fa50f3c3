import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeJira, createForgeApp, issuesOf, okValue, startJira, rest } from './support/forge-harness';
import { largeRecord } from './support/records';

const status = z.object({
  run: z.object({
    state: z.string(),
    slices: z.number(),
    outcome: z.object({
      created: z.array(z.unknown()),
      existing: z.array(z.unknown()),
      failed: z.array(z.unknown()),
      links: z.object({ created: z.number(), failed: z.array(z.unknown()) }),
    }),
  }),
});
const linked = z.object({
  issues: z.array(
    z.object({
      fields: z.object({
        issuelinks: z
          .array(z.object({ type: z.object({ name: z.string() }), outwardIssue: z.object({}).optional() }))
          .default([]),
      }),
    }),
  ),
  nextPageToken: z.string().optional(),
});

/** Blocks links the record's issues hold, read once the index has caught up. */
async function blocksLinks(jira: Awaited<ReturnType<typeof startJira>>, recordId: string): Promise<number> {
  jira.faults.update({ searchLagMs: 0 });
  let count = 0;
  let nextPageToken: string | undefined;
  do {
    const page = linked.parse(
      await rest(jira, 'POST', '/rest/api/3/search/jql', {
        jql: `labels = "handoff-${recordId}"`,
        fields: ['issuelinks'],
        maxResults: 100,
        nextPageToken,
      }),
    );
    for (const issue of page.issues)
      count += issue.fields.issuelinks.filter((l) => l.type.name === 'Blocks' && l.outwardIssue).length;
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return count;
}

/**
 * A 1,000-item plan through the queue's slices, the search 3 s behind every write and the
 * clock standing still between slices (so no slice's search ever shows what an earlier slice
 * made), on a site with the app's property index and on one without: each item once, each
 * link once. The ledger in Forge storage is what carries one slice's keys to the next.
 */
describe('1,000 items through the Forge queue, the search 3 s behind', () => {
  for (const appInstalled of [true, false]) {
    const site = appInstalled ? 'with' : 'without';
    it(`ends with exactly one issue per item and one link per edge (${site} the app's index)`, async () => {
      const jira = await startJira({ appInstalled, searchLagMs: 3_000 });
      const app = createForgeApp(jira, { limits: { itemsPerSlice: 100 } });
      const id = `thousand-${appInstalled ? 'indexed' : 'unindexed'}`;
      okValue(await app.call('saveRecord', { record: largeRecord(id, 998, 400) }), z.unknown());
      const before = jira.stats().total;
      okValue(await app.call('provision'), z.unknown());
      const events = await app.drainQueue();
      const requests = jira.stats().total - before;
      const { run } = okValue(await app.call('provisioningStatus'), status);
      expect(run.state).toBe('done');
      expect(run.outcome.failed).toEqual([]);
      expect(run.outcome.links.failed).toEqual([]);
      const issues = await issuesOf(jira, id);
      const counts = [...issues.values()].map((keys) => keys.length);
      console.log(
        `1,000 items ${site} the index: ${issues.size} items, ${counts.filter((n) => n > 1).length} duplicated, ` +
          `${run.slices} slices (${events} queue events), ${requests} Jira requests`,
      );
      expect(issues.size).toBe(1000);
      expect(counts.filter((n) => n !== 1)).toEqual([]);
      expect(await blocksLinks(jira, id)).toBe(400);
      await closeJira(jira);
    }, 300_000);
  }
});
