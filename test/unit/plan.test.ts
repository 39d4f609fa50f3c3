import { describe, it, expect } from 'vitest';
import { buildPlan, type Plan, type PlanItem, type PlanTarget } from '../../src/domain/plan/plan';
import {
  aDependency,
  anExcludedPromise,
  aPromise,
  aQuestion,
  aRecord,
  aRisk,
  EMAIL,
  parse,
  someSignoffs,
  type RecordInput,
} from '../builders/record';

/** The plan: what the tracker should hold, as plain data, pure and deterministic. */

const R = 'globex-rollout';
const planOf = (input: RecordInput, target: PlanTarget = 'jira'): Plan => buildPlan(parse(input), { target });
const itemsById = (plan: Plan) => new Map(plan.items.map((i) => [i.itemId, i]));

function item(plan: Plan, itemId: string): PlanItem {
  const found = itemsById(plan).get(itemId);
  if (!found) return expect.fail(`no item ${itemId} in ${plan.items.map((i) => i.itemId).join(', ')}`);
  return found;
}

describe('items', () => {
  it('one item per planned thing, ids <recordId>/<kind>/<id>, the parent first', () => {
    const plan = planOf(aRecord());
    expect(plan.items.map((i) => i.itemId)).toEqual([
      `${R}/parent/${R}`,
      `${R}/dependency/azure-app`,
      `${R}/promise/sso`,
      `${R}/question/first-depot`,
      `${R}/risk/peak`,
    ]);
    expect(plan).toMatchObject({ version: 1, recordId: R, title: 'Globex fleet tracking rollout', target: 'jira' });
  });

  const parentPlacement =
    'the parent hangs nowhere, is due at go-live and is owned by the delivery owner; everything else hangs on it';
  it(parentPlacement, () => {
    const plan = planOf(aRecord());
    const [parent, ...rest] = plan.items;
    expect(parent).toMatchObject({
      kind: 'parent',
      parent: null,
      recordPath: '',
      summary: 'Handoff: Globex fleet tracking rollout',
      due: '2027-02-15',
      assignee: EMAIL.delivery,
      labels: ['handoff', `handoff-${R}`],
    });
    expect(parent?.description.facts).toContainEqual({ label: 'Customer', value: 'Globex Ltd' });
    for (const i of rest) expect(i.parent).toBe(`${R}/parent/${R}`);
  });

  it('a promise carries its owner as assignee, its resolved date, its source link and its labels', () => {
    const plan = planOf(aRecord({ promises: [aPromise({ labels: ['security'], milestone: 'pilot' })] }));
    expect(item(plan, `${R}/promise/sso`)).toMatchObject({
      kind: 'promise',
      recordPath: 'promises[0]',
      summary: 'SSO with Azure AD before the pilot',
      assignee: EMAIL.delivery,
      due: '2027-01-04',
      milestone: 'pilot',
      labels: ['handoff', `handoff-${R}`, 'promise', 'security'],
      description: {
        source: { label: 'call-recording · at 00:41:10', url: 'https://calls.example.com/globex/discovery-2' },
      },
    });
  });

  it('a customer dependency is assigned to the comms owner, with the customer owner in the facts', () => {
    const dependency = item(planOf(aRecord()), `${R}/dependency/azure-app`);
    expect(dependency).toMatchObject({
      summary: '[customer] Customer registers the Azure AD app',
      assignee: EMAIL.comms,
      due: '2026-12-10',
      labels: ['handoff', `handoff-${R}`, 'dependency', 'customer-dependency'],
    });
    expect(dependency.description.facts).toEqual([
      { label: 'Owned by', value: 'customer' },
      { label: 'Customer owner', value: `Tom Berger <${EMAIL.customerOwner}>` },
    ]);
  });

  it('a named chaser takes the customer dependency instead of the comms owner', () => {
    const plan = planOf(aRecord({ dependencies: [aDependency({ chaser: 'delivery-owner' })] }));
    expect(item(plan, `${R}/dependency/azure-app`).assignee).toBe(EMAIL.delivery);
  });

  it('a vendor dependency names the vendor owner by e-mail when no contact matches', () => {
    const plan = planOf(aRecord({ dependencies: [aDependency({ side: 'vendor', owner: 'support@idp.example' })] }));
    const dependency = item(plan, `${R}/dependency/azure-app`);
    expect(dependency.summary).toBe('[vendor] Customer registers the Azure AD app');
    expect(dependency.description.facts).toContainEqual({
      label: 'Vendor owner',
      value: 'support@idp.example <support@idp.example>',
    });
  });

  it('an internal dependency is assigned to its owner and has no owner fact', () => {
    const plan = planOf(aRecord({ dependencies: [aDependency({ side: 'internal', owner: 'escalation' })] }));
    const dependency = item(plan, `${R}/dependency/azure-app`);
    expect(dependency).toMatchObject({ summary: 'Customer registers the Azure AD app', assignee: EMAIL.escalation });
    expect(dependency.description.facts).toEqual([{ label: 'Owned by', value: 'internal' }]);
  });

  it('an unfilled role or an unresolvable date leaves the assignee or due null', () => {
    const plan = planOf(aRecord({ risks: [aRisk({ owner: 'technical-lead', due: undefined })] }));
    expect(item(plan, `${R}/risk/peak`)).toMatchObject({
      assignee: null,
      due: null,
      summary: 'Risk (high): Peak-season freeze may push go-live',
    });
  });

  it('excluded promises are listed as exclusions with their reason, not as items', () => {
    const plan = planOf(aRecord());
    expect(itemsById(plan).has(`${R}/promise/bi`)).toBe(false);
    expect(plan.exclusions).toEqual([
      {
        itemId: `${R}/promise/bi`,
        recordPath: 'promises[1]',
        title: 'Custom BI dashboards',
        reason: 'Out of scope per SOW section 3.1; offered as a paid add-on.',
      },
    ]);
  });

  it('answered questions and accepted risks produce no item', () => {
    const plan = planOf(
      aRecord({
        questions: [aQuestion({ answer: 'Leeds.' }), aQuestion({ id: 'still-open', title: 'Who trains?' })],
        risks: [aRisk({ accepted: 'The customer accepts it.' }), aRisk({ id: 'live', title: 'Data quality' })],
      }),
    );
    expect(plan.items.map((i) => i.itemId).filter((id) => /question|risk/.test(id))).toEqual([
      `${R}/question/still-open`,
      `${R}/risk/live`,
    ]);
  });

  it('milestones are listed with their resolved dates', () => {
    expect(planOf(aRecord()).milestones).toEqual([{ id: 'pilot', name: 'Pilot depot live', due: '2027-01-11' }]);
  });
});

describe('blocks and order', () => {
  it('blocks resolve to item ids of promises and dependencies', () => {
    const plan = planOf(
      aRecord({
        dependencies: [
          aDependency({ id: 'tenant', title: 'Tenant id', due: '2026-12-08', blocks: ['azure-app'] }),
          aDependency(),
        ],
      }),
    );
    expect(item(plan, `${R}/dependency/tenant`).blocks).toEqual([`${R}/dependency/azure-app`]);
    expect(item(plan, `${R}/dependency/azure-app`).blocks).toEqual([`${R}/promise/sso`]);
  });

  it('blocking a milestone blocks every planned promise of that milestone', () => {
    const plan = planOf(
      aRecord({
        promises: [
          aPromise({ milestone: 'pilot' }),
          aPromise({ id: 'training', title: 'Admin training', due: 'pilot', milestone: 'pilot' }),
          aPromise({ id: 'reports', title: 'Weekly reports', due: '2027-01-20' }),
          anExcludedPromise(),
        ],
        dependencies: [aDependency({ blocks: ['pilot'] })],
      }),
    );
    expect(item(plan, `${R}/dependency/azure-app`).blocks).toEqual([`${R}/promise/sso`, `${R}/promise/training`]);
  });

  it('blocking an excluded promise links nothing', () => {
    const plan = planOf(aRecord({ dependencies: [aDependency({ blocks: ['bi'] })] }));
    expect(item(plan, `${R}/dependency/azure-app`).blocks).toEqual([]);
  });

  it('a dependency is created before the dependencies it blocks, whatever the listing order', () => {
    // c blocks b, b blocks a; listed a, b, c.
    const plan = planOf(
      aRecord({
        dependencies: [
          aDependency({ id: 'a', due: '2026-12-10', blocks: ['sso'] }),
          aDependency({ id: 'b', due: '2026-12-09', blocks: ['a'] }),
          aDependency({ id: 'c', due: '2026-12-08', blocks: ['b'] }),
          aDependency({ id: 'free', due: '2026-12-08', blocks: [] }),
        ],
      }),
    );
    const order = plan.items.filter((i) => i.kind === 'dependency').map((i) => i.itemId.split('/')[2]);
    expect(order).toHaveLength(4);
    expect(order.indexOf('c')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('a'));
  });

  it('every item a dependency blocks comes after it in the plan', () => {
    const plan = planOf(
      aRecord({
        dependencies: [aDependency({ id: 'x', blocks: ['y', 'sso'] }), aDependency({ id: 'y', blocks: ['sso'] })],
      }),
    );
    const position = new Map(plan.items.map((i, n) => [i.itemId, n]));
    for (const i of plan.items)
      for (const target of i.blocks) expect(position.get(target)).toBeGreaterThan(position.get(i.itemId) ?? Infinity);
  });
});

describe('summaries per tracker', () => {
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const long = 'A'.repeat(300);

  it('summaries over 255 characters are cut to 255 for Jira, ending in an ellipsis', () => {
    const plan = planOf(
      aRecord({ promises: [aPromise({ title: long })], dependencies: [aDependency({ title: long })] }),
    );
    for (const id of [`${R}/promise/sso`, `${R}/dependency/azure-app`]) {
      const { summary } = item(plan, id);
      expect(summary).toHaveLength(255);
      expect(summary.endsWith('…')).toBe(true);
    }
    expect(item(plan, `${R}/dependency/azure-app`).summary.startsWith('[customer] AAA')).toBe(true);
  });

  it('a summary of exactly 255 characters is kept whole', () => {
    const plan = planOf(aRecord({ promises: [aPromise({ title: 'B'.repeat(255) })] }));
    expect(item(plan, `${R}/promise/sso`).summary).toBe('B'.repeat(255));
  });

  it('Asana keeps long summaries whole', () => {
    const plan = planOf(aRecord({ promises: [aPromise({ title: long })] }), 'asana');
    expect(item(plan, `${R}/promise/sso`).summary).toBe(long);
    expect(plan.target).toBe('asana');
  });

  it('cutting a Jira summary never splits a character in two', () => {
    const title = `${'C'.repeat(253)}😀 and more`;
    const { summary } = item(planOf(aRecord({ promises: [aPromise({ title })] })), `${R}/promise/sso`);
    expect(summary).not.toMatch(LONE_SURROGATE);
  });

  it('a Jira summary has no line breaks', () => {
    const plan = planOf(aRecord({ promises: [aPromise({ title: 'SSO with Azure AD\nbefore the pilot' })] }));
    expect(item(plan, `${R}/promise/sso`).summary).not.toMatch(/[\r\n]/);
  });
});

describe('plain, deterministic data', () => {
  it('the same record gives an equal plan with the same hash', () => {
    const first = planOf(aRecord());
    const second = planOf(aRecord());
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(second.hash).toBe(first.hash);
  });

  it('keeps its hash when it travels as JSON or is copied, though the hash is made only when first read', () => {
    const plan = planOf(aRecord());
    const travelled: unknown = JSON.parse(JSON.stringify(plan));
    expect(travelled).toMatchObject({ hash: plan.hash, items: plan.items });
    expect({ ...plan }.hash).toBe(plan.hash);
    expect(Object.keys(travelled ?? {})).toEqual(Object.keys(plan));
  });

  it('the hash changes when an item changes', () => {
    const base = planOf(aRecord()).hash;
    expect(planOf(aRecord({ promises: [aPromise({ due: 'kickoff+11bd' }), anExcludedPromise()] })).hash).not.toBe(base);
    expect(planOf(aRecord({ risks: [aRisk({ owner: 'comms-owner' })] })).hash).not.toBe(base);
    expect(planOf(aRecord({ promises: [aPromise()] })).hash).not.toBe(base); // one exclusion fewer
    expect(planOf(aRecord({ title: 'Globex rollout, phase 1' })).hash).not.toBe(base);
  });

  it('the hash does not change when nothing planned changes', () => {
    const base = planOf(aRecord()).hash;
    expect(planOf(aRecord({ signoffs: someSignoffs({ operations: { by: EMAIL.ops, at: '2026-11-29' } }) })).hash).toBe(
      base,
    );
    expect(planOf(aRecord({ exceptions: [] })).hash).toBe(base);
    // A different way of writing the same date resolves to the same plan.
    expect(planOf(aRecord({ promises: [aPromise({ due: '2027-01-04' }), anExcludedPromise()] })).hash).toBe(base);
  });

  it('round-trips through JSON unchanged', () => {
    const plan = planOf(
      aRecord({ promises: [aPromise({ source: { kind: 'email', note: 'Confirmed on 2026-11-14' } })] }),
    );
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});
