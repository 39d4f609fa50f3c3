import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecord } from '../../src/domain/record/read-record';
import { evaluateGate, type GateDecision } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { SCENARIOS, type HandoffRecord, type Scenario } from '../../src/domain/record/record';

/**
 * The files in examples/ are documentation people copy from, so each must stay a valid record
 * whose gate decision is the one it was written to show. Dates were chosen for this `today`.
 */
const TODAY = '2026-12-01';
const EXAMPLES = new URL('../../examples/', import.meta.url);
/** The acme record is PRODUCT.md's own example, the contract of the format: its bytes never drift. */
const ACME_SHA256 = '67781951ddcefb0118540abbef84a3dd5d81966cdec2417524f7d4bd4ef1736c';
const ACME = 'acme-onboarding.handoff.yaml';
const MODELINE = '# yaml-language-server: $schema=../schema/handoff.schema.json\n';

type Expectation = {
  scenario: Scenario;
  company: string;
  decision: GateDecision;
  warnings: number;
  blockers: string[];
};

const go = (scenario: Scenario, company: string, warnings = 0): Expectation => ({
  scenario,
  company,
  decision: 'go',
  warnings,
  blockers: [],
});

/** One row per file: a new example needs a row, and a broken rule changes a row's outcome. */
const EXPECTED: Record<string, Expectation> = {
  [ACME]: go('new-implementation', 'Acme Logistics GmbH', 4),
  'harbourline-bank-complaints.handoff.yaml': go('core', 'Harbourline Community Bank, N.A.'),
  'st-brigid-rostering-expansion.handoff.yaml': go('expansion', 'St. Brigid Health Partners'),
  'kessler-erp-integration.handoff.yaml': go('high-complexity', 'Kessler Antriebstechnik GmbH'),
  'westmere-council-referrals.handoff.yaml': go('high-risk', 'Westmere County Council'),
  'copperleaf-store-rollout.handoff.yaml': go('ops-to-delivery', 'Copperleaf Home & Garden, Inc.'),
  'halvorsen-university-transfer.handoff.yaml': go('owner-transfer', 'Halvorsen University'),
  'brightside-proofing.handoff.yaml': go('lightweight', 'Brightside Creative Ltd'),
  'skylark-support-not-yet.handoff.yaml': {
    scenario: 'new-implementation',
    company: 'Skylark Analytics, Inc.',
    decision: 'not-yet',
    warnings: 0,
    blockers: [
      'timeline.goLive', // go-live not agreed: a required field of the scenario
      'promises[2].owner', // the Salesforce sync shown in the demo: no owner …
      'promises[2].due', // … no due date, and no exclusion
      'dependencies[1].due', // the security questionnaire has no date
      'risks[0].due', // goLive-2w, while goLive has no date
      'promises[1].due', // 2026-12-31, inside the customer's shutdown
      'exceptions[0].approvedBy', // free sandbox, approval link but no approver
      'signoffs.operations', // operations has not signed
      'signoffs.delivery.blockers[0]', // delivery signed "blocked by" …
      'signoffs.delivery.blockers[1]', // … two reasons
    ],
  },
};

const files = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.handoff.yaml'))
  .sort();
const text = (file: string) => readFileSync(new URL(file, EXAMPLES), 'utf8');

function load(file: string): HandoffRecord {
  const result = readRecord(text(file));
  if (!result.ok) throw new Error(`${file} is not a valid record:\n${describeProblems(result.problems)}`);
  return result.value;
}

function describeProblems(
  problems: readonly { path: string; message: string; line?: number; column?: number }[],
): string {
  return problems.map((p) => `  ${p.line ?? '?'}:${p.column ?? '?'} ${p.path}: ${p.message}`).join('\n');
}

function expectationFor(file: string): Expectation {
  const expectation = EXPECTED[file];
  if (!expectation) throw new Error(`${file} has no row in EXPECTED: add its scenario and gate decision`);
  return expectation;
}

const sorted = (list: readonly string[]) => [...list].sort();

describe('examples/*.handoff.yaml', () => {
  it('finds the examples, and every one has an expected outcome', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(files).toEqual(sorted(Object.keys(EXPECTED)));
  });

  it.each(files)('%s is a valid record', (file) => {
    const result = readRecord(text(file));
    const problems = result.ok ? '' : describeProblems(result.problems);
    expect(result.ok, `${file}:\n${problems}`).toBe(true);
  });

  it.each(files)(`%s gets its intended gate decision on ${TODAY}`, (file) => {
    const expected = expectationFor(file);
    const record = load(file);
    const gate = evaluateGate(record, { today: TODAY });
    expect(record.scenario).toBe(expected.scenario);
    expect(record.customer.company).toBe(expected.company);
    expect(gate.decision).toBe(expected.decision);
    if (expected.decision === 'go') expect(gate.blockers).toEqual([]);
    expect(sorted(gate.blockers.map((b) => b.path))).toEqual(sorted(expected.blockers));
    expect(gate.warnings.map((w) => `${w.path}: ${w.message}`)).toHaveLength(expected.warnings);
  });

  it('cover every scenario, with customers from at least seven companies', () => {
    const records = files.map(load);
    const scenarios = new Set(records.map((r) => r.scenario));
    for (const scenario of SCENARIOS) expect(scenarios, `no example shows scenario ${scenario}`).toContain(scenario);
    expect(new Set(records.map((r) => r.customer.company)).size).toBeGreaterThanOrEqual(7);
  });

  it('include at least one record that is not-yet on purpose', () => {
    const notYet = files.filter((file) => evaluateGate(load(file), { today: TODAY }).decision === 'not-yet');
    expect(notYet.length).toBeGreaterThanOrEqual(1);
    for (const file of notYet) expect(file).toMatch(/-not-yet\.handoff\.yaml$/);
  });

  it(`${ACME} is byte-identical to the product's contract example`, () => {
    expect(
      createHash('sha256')
        .update(readFileSync(new URL(ACME, EXAMPLES)))
        .digest('hex'),
    ).toBe(ACME_SHA256);
  });

  it.each(files.filter((file) => file !== ACME))('%s starts with the editor modeline', (file) => {
    expect(text(file).startsWith(MODELINE)).toBe(true);
  });

  const goFiles = files.filter((file) => expectationFor(file).decision === 'go');

  it.each(goFiles)('%s plans one item per promise kept and one exclusion per promise excluded', (file) => {
    const record = load(file);
    const plan = buildPlan(record, { target: 'jira' });
    const promises = (record.promises ?? []).map((p, i) => ({ path: `promises[${i}]`, excluded: Boolean(p.excluded) }));
    const planned = plan.items.filter((item) => item.kind === 'promise');
    expect(sorted(planned.map((item) => item.recordPath))).toEqual(
      sorted(promises.filter((p) => !p.excluded).map((p) => p.path)),
    );
    expect(sorted(plan.exclusions.map((e) => e.recordPath))).toEqual(
      sorted(promises.filter((p) => p.excluded).map((p) => p.path)),
    );
    for (const item of planned) {
      expect(item.assignee, `${item.recordPath} has no assignee`).not.toBeNull();
      expect(item.due, `${item.recordPath} has no due date`).not.toBeNull();
    }
  });
});
