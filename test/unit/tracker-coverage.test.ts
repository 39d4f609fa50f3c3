import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/domain/plan/plan';
import { twoWayCoverage } from '../../src/domain/change/tracker-coverage';
import { anExcludedPromise, aPromise, aRecord, parse } from '../builders/record';

const R = 'globex-rollout';
const record = parse(
  aRecord({ promises: [aPromise(), anExcludedPromise(), aPromise({ id: 'reports', title: 'Weekly reports' })] }),
);
const plan = buildPlan(record, { target: 'jira' });
const ticketsFor = (itemIds: string[]) =>
  itemIds.map((itemId, i) => ({ itemId, key: `DEL-${i + 1}`, descoped: false }));

describe('twoWayCoverage', () => {
  it('is complete when every planned item has its ticket and every ticket its item', () => {
    const tickets = ticketsFor(plan.items.map((i) => i.itemId));
    const keyOf = (id: string) => tickets.find((t) => t.itemId === `${R}/promise/${id}`)?.key;
    const coverage = twoWayCoverage(record, plan, tickets);
    expect(coverage.complete).toBe(true);
    expect(coverage.promises.map((p) => [p.promiseId, p.status, p.ticket])).toEqual([
      ['sso', 'planned', keyOf('sso')],
      ['bi', 'excluded', null],
      ['reports', 'planned', keyOf('reports')],
    ]);
    expect(coverage.exclusions).toEqual([
      {
        itemId: `${R}/promise/bi`,
        recordPath: 'promises[1]',
        title: 'Custom BI dashboards',
        reason: 'Out of scope per SOW section 3.1; offered as a paid add-on.',
      },
    ]);
  });

  it('names promises without a ticket and tickets without a promise; a descoped ticket is expected', () => {
    const tickets = [
      ...ticketsFor(plan.items.filter((i) => !i.itemId.endsWith('/reports')).map((i) => i.itemId)),
      { itemId: `${R}/promise/import`, key: 'DEL-90', descoped: true },
      { itemId: `${R}/promise/extra`, key: 'DEL-91', descoped: false },
    ];
    const coverage = twoWayCoverage(record, plan, tickets);
    expect(coverage.complete).toBe(false);
    expect(coverage.withoutTicket).toEqual([
      { itemId: `${R}/promise/reports`, kind: 'promise', summary: 'Weekly reports' },
    ]);
    expect(coverage.withoutPromise.map((t) => [t.key, t.descoped])).toEqual([
      ['DEL-90', true],
      ['DEL-91', false],
    ]);
    expect(coverage.promises.find((p) => p.promiseId === 'reports')?.ticket).toBeNull();
  });
});
