import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { createForgeApp, errorOf, okValue, startJira, type ForgeApp } from '../forge/support/forge-harness';
import { bigRecordJson, bigRecordYaml } from './support/big-record';

/**
 * A 10 MB record sent to the resolvers: as text it is over the payload's limit and refused
 * before any request; as an object it validates, and saving it is refused with its size and
 * Forge's limit — it used to be "failed unexpectedly, try again", which no retry could fix.
 */

let jira: LocalJira;
let app: ForgeApp;
beforeAll(async () => {
  jira = await startJira();
  app = createForgeApp(jira);
});
afterAll(async () => {
  await jira.close();
});

const PROMISES = 3_600;

describe('a 10 MB record through the resolvers', () => {
  it('as text: BAD_REQUEST at text (2,000,000 characters at most), before any request', async () => {
    const text = bigRecordYaml(PROMISES);
    expect(text.length).toBeGreaterThan(10_000_000);
    jira.resetStats();
    for (const name of ['validateRecord', 'saveRecord', 'proposeChange'] as const) {
      expect(errorOf(await app.call(name, { text }))).toMatchObject({ code: 'BAD_REQUEST', path: 'text' });
    }
    expect(jira.stats().total).toBe(0);
  });

  it('as an object: validated in under 20 s; saving it is refused with its size, and nothing is stored', async () => {
    const record: unknown = JSON.parse(bigRecordJson(PROMISES));
    const start = performance.now();
    const valid = okValue(
      await app.call('validateRecord', { record }),
      z.object({ record: z.object({ promises: z.array(z.unknown()) }) }),
    );
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(valid.record.promises).toHaveLength(PROMISES);

    const error = errorOf(await app.call('saveRecord', { record }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^The record is \d+ KiB; Forge storage keeps at most 239 KiB per record\./);
    // Only the caller's permission answer, kept a minute so the page's next call does not ask Jira again.
    expect(app.kvs.entries().map((e) => e.key.split(':')[0])).toEqual(['rights']);
    expect(app.logs).toEqual([]);
  });

  it('a record just under the limit is saved as usual', async () => {
    const record: unknown = JSON.parse(bigRecordJson(55));
    expect(JSON.stringify(record).length).toBeGreaterThan(200_000);
    okValue(await app.call('saveRecord', { record }), z.unknown());
    expect(app.kvs.entries().map((e) => e.key)).toContain('record:DEL');
  });
});
