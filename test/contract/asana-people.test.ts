import { counted } from '../../src/domain/words';
import { describe, expect, it } from 'vitest';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN, LOCAL_ASANA_OUTSIDER } from '../../emulators/asana/index';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import { applyPlan } from '../../src/provision/engine';
import { memoryLedger } from '../../src/provision/ledger';
import { assigneesOf, directoryOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy } from '../../src/provision/retry';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { transferOwner } from '../../src/usecases/transfer-owner';
import { seenInAsana } from './asana-seen';
import { useLocalAsana } from './local-asana-suite';
import { ASSIGNEES, recordWith } from './plan-fixture';

/**
 * People Asana will not let Handoff assign work to: someone outside the workspace (GET /users
 * answers 403) and someone an admin removed (deprovisioned), on the local Asana.
 */
const { local, rest } = useLocalAsana('asana-people');

/** A new tracker, as a new CLI process has. */
const tracker = () =>
  createAsanaTracker({
    basePath: local().url,
    token: LOCAL_ASANA_OAUTH_TOKEN,
    workspace: DEMO_WORKSPACE.gid,
    team: DEMO_TEAM.gid,
    tokenKind: 'oauth',
  });

function recordOf(id: string, assignees: string[]): HandoffRecord {
  const record = validateRecord(recordWith({ id, items: 8, links: 2, assignees }));
  if (!record.ok) throw new Error(JSON.stringify(record.problems.slice(0, 3)));
  return record.value;
}

const [DANA = '', COLE = '', TESS = ''] = ASSIGNEES;
const OUTSIDER = LOCAL_ASANA_OUTSIDER.email;

describe('Asana: a person outside the workspace', () => {
  it('is "not assignable" at their field path, and the rest of the run goes on', async () => {
    const record = recordOf('people-outsider', [DANA, OUTSIDER, TESS]);
    const plan = buildPlan(record, { target: 'asana' });
    const asana = tracker();
    const accounts = await lookUpPeople(asana, assigneesOf(plan), defaultRetryPolicy);
    expect(accounts.get(OUTSIDER)).toBeNull();
    const gate = evaluateGate(record, { today: '2027-01-04', people: directoryOf(asana, accounts) });
    const message = `${OUTSIDER} has no Asana account that can be assigned: invite them or name someone who has one.`;
    expect(gate.blockers.filter((b) => b.message.includes(OUTSIDER))).toEqual([
      { path: 'promises[1].owner', message },
      { path: 'promises[4].owner', message },
    ]);
    const report = await applyPlan(plan, asana, { accounts, policy: defaultRetryPolicy, ledger: memoryLedger() });
    const theirs = plan.items.filter((i) => i.assignee === OUTSIDER).map((i) => i.itemId);
    expect(theirs.length).toBeGreaterThan(0);
    expect(report.failed.map((f) => f.itemId).sort()).toEqual([...theirs].sort());
    for (const failed of report.failed)
      expect(failed.error).toBe(`${OUTSIDER} has no Asana account that can be assigned`);
    expect(report.created).toHaveLength(plan.items.length - theirs.length);
  });
});

describe('Asana: owner transfer of a deprovisioned leaver', () => {
  it('refuses, naming the leaver, their tickets and that deprovisioning left them unassigned', async () => {
    const record = recordOf('people-leaver', [DANA, COLE, TESS]);
    const plan = buildPlan(record, { target: 'asana' });
    const ledger = memoryLedger();
    const asana = tracker();
    const accounts = await lookUpPeople(asana, assigneesOf(plan), defaultRetryPolicy);
    expect((await applyPlan(plan, asana, { accounts, policy: defaultRetryPolicy, ledger })).failed).toEqual([]);
    const theirs = plan.items.filter((i) => i.assignee === TESS).map((i) => i.itemId);
    expect(theirs.length).toBeGreaterThan(0);

    await rest('POST', `/workspaces/${DEMO_WORKSPACE.gid}/removeUser`, { user: TESS });

    const later = tracker();
    expect(await later.findPerson(TESS)).toBeNull();
    const input = { record, transfer: { from: TESS, to: COLE }, today: '2027-01-04', target: 'asana' as const };
    const result = await transferOwner(later, input, { policy: defaultRetryPolicy, ledger: () => ledger });
    expect(result).toMatchObject({ kind: 'refused', why: 'conflict' });
    if (result.kind !== 'refused') throw new Error('not refused');
    expect(result.reason).toContain(`the record gives ${TESS} ${counted(theirs.length, 'open task')}`);
    expect(result.reason).toContain('removed from Asana (deprovisioned), which left these tasks unassigned');
    expect(result.reason).toContain(`assign them to ${COLE} by hand`);
    // Nothing was written: the tickets are still unassigned, none went to Cole.
    const seen = await seenInAsana(rest, { workspace: DEMO_WORKSPACE.gid, tokenKind: 'oauth' }, record.id);
    for (const itemId of theirs) expect(seen.find((s) => s.itemId === itemId)?.assignee).toBeNull();
  });
});
