import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  LOCAL_ASANA_OUTSIDER,
  OTHER_WORKSPACE,
  SALES_TEAM,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { evaluateGate, type FieldRefusal } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import type { HandoffRecord } from '../../src/domain/record/record';
import { createAsanaTracker, type AsanaTrackerOptions } from '../../src/trackers/asana/asana-tracker';
import { aDependency, aPromise, aRecord, parse, TODAY, type RecordInput } from '../builders/record';

/**
 * What the Asana adapter's preflight finds before anything is written, on the local Asana as an
 * organization: where the project may go (a team), whether dependencies are paid for, and
 * Asana's limit of 30 dependencies and dependents a task. Reads only, each once per tracker.
 */
let local: LocalAsana;
beforeAll(async () => {
  local = await startLocalAsana({
    dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-preflight-')),
    fresh: true,
    validate: 'strict',
  });
});
beforeEach(() => local.resetStats());
afterAll(async () => {
  const violations = local.violations();
  await local.close();
  expect(violations).toEqual([]);
});

const tracker = (options: Partial<AsanaTrackerOptions> = {}) =>
  createAsanaTracker({
    basePath: local.url,
    token: LOCAL_ASANA_OAUTH_TOKEN,
    workspace: DEMO_WORKSPACE.gid,
    tokenKind: 'oauth',
    ...options,
  });

const planOf = (record: HandoffRecord) => buildPlan(record, { target: 'asana' });

/** Every request the local Asana saw was a read. */
function onlyReads(): void {
  expect(Object.keys(local.stats().requests).filter((r) => !r.startsWith('GET '))).toEqual([]);
}

/** The refusals as the gate shows them: blockers at record paths. */
const blockersOf = (record: HandoffRecord, refusals: FieldRefusal[]) =>
  evaluateGate(record, { today: TODAY, refusals }).blockers.filter((b) =>
    refusals.some((r) => r.message === b.message),
  );

describe('Asana organizations: a project needs a team (POST /projects without one is 400)', () => {
  const record = parse(aRecord());

  it('without a team or a project: a blocker at the title naming ASANA_TEAM and --team, nothing written', async () => {
    const asana = tracker();
    const refusals = await asana.preflight(planOf(record));
    expect(blockersOf(record, refusals)).toEqual([
      {
        path: 'title',
        message: expect.stringMatching(
          /is an organization: its projects belong to a team — set ASANA_TEAM or pass --team/,
        ),
      },
    ]);
    expect(refusals[0]?.message).toContain(`Delivery (${DEMO_TEAM.gid})`);
    // GET /workspaces/{gid}, the caller's teams, and the tier (the record has a dependency).
    expect(asana.requests()).toBe(3);
    onlyReads();
    await asana.preflight(planOf(record));
    expect(asana.requests()).toBe(3); // each answer kept for the tracker's life
  });

  it('with a team the user is not in, or one that does not exist: a blocker naming the teams they are in', async () => {
    for (const team of [SALES_TEAM.gid, '1']) {
      const refusals = await tracker({ team }).preflight(planOf(record));
      expect(refusals.map((r) => r.message)).toEqual([
        expect.stringContaining(`team ${team} is not one of your teams in Asana workspace "Handoff Demo"`),
      ]);
      expect(refusals[0]?.message).toContain(`Delivery (${DEMO_TEAM.gid})`);
    }
    onlyReads();
  });

  it('with a team of theirs, or an existing project: nothing refused', async () => {
    expect(await tracker({ team: DEMO_TEAM.gid }).preflight(planOf(record))).toEqual([]);
    // The project is not read here: that it exists shows when the run lists its tasks.
    const adopting = tracker({ project: '1299999999999999' });
    expect(await adopting.preflight(planOf(record))).toEqual([]);
    expect(adopting.requests()).toBe(1); // only the tier: where the project goes is settled
  });
});

describe('Asana paid tiers: dependencies answer 402 Payment Required on a free workspace', () => {
  const outsider = (record: HandoffRecord) =>
    tracker({ token: LOCAL_ASANA_OUTSIDER.oauthToken, workspace: OTHER_WORKSPACE.gid }).preflight(planOf(record));

  it('a record with dependencies: a blocker at the first dependency’s blocks, nothing written', async () => {
    const record = parse(aRecord());
    const refusals = await outsider(record);
    expect(blockersOf(record, refusals)).toEqual([
      { path: 'dependencies[0].blocks', message: expect.stringContaining('dependencies need a paid Asana workspace') },
    ]);
    onlyReads();
  });

  it('a record without dependencies: no blocker, and no tier check', async () => {
    const asana = tracker({ token: LOCAL_ASANA_OUTSIDER.oauthToken, workspace: OTHER_WORKSPACE.gid });
    expect(await asana.preflight(planOf(parse(aRecord({ dependencies: [] }))))).toEqual([]);
    expect(local.stats().requests).toEqual({ 'GET /api/1.0/workspaces/{workspace_gid}': 1 });
  });
});

describe('Asana 30 dependencies plus dependents a task: past it, a blocker before writing', () => {
  const ids = Array.from({ length: 31 }, (_, i) => `p${i}`);
  const promises = ids.map((id) => aPromise({ id, title: `Promise ${id}` }));
  const asana = () => tracker({ team: DEMO_TEAM.gid });

  it('a dependency that blocks 31 promises: at its blocks', async () => {
    const record = parse(aRecord({ promises, dependencies: [aDependency({ blocks: ids })] }));
    const refusals = await asana().preflight(planOf(record));
    expect(blockersOf(record, refusals)).toEqual([
      {
        path: 'dependencies[0].blocks',
        message: expect.stringContaining('would have 31 dependencies and dependents (it blocks 31, 0 block it)'),
      },
    ]);
  });

  it('a promise 31 dependencies block: at the promise; 30 pass', async () => {
    const blockers = (n: number): RecordInput['dependencies'] =>
      Array.from({ length: n }, (_, i) => aDependency({ id: `d${i}`, title: `Dependency ${i}`, blocks: ['sso'] }));
    const over = parse(aRecord({ dependencies: blockers(31) }));
    expect(blockersOf(over, await asana().preflight(planOf(over)))).toEqual([
      { path: 'promises[0]', message: expect.stringContaining('(it blocks 0, 31 block it); Asana allows 30') },
    ]);
    const at = parse(aRecord({ dependencies: blockers(30) }));
    expect(await asana().preflight(planOf(at))).toEqual([]);
  });
});
