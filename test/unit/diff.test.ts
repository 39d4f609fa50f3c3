import { describe, expect, it } from 'vitest';
import { affectedItemIds, isEmptyChange } from '../../src/domain/change/change-set';
import { diffRecords } from '../../src/domain/change/diff';
import {
  aDependency,
  anExcludedPromise,
  aPromise,
  aQuestion,
  aRecord,
  aRisk,
  aScope,
  aTimeline,
  aMilestone,
  EMAIL,
  parse,
  somePeople,
  type RecordInput,
} from '../builders/record';

const R = 'globex-rollout';
const OPTIONS = { target: 'jira', today: '2026-12-01' } as const;
const diff = (base: RecordInput, proposed: RecordInput) => diffRecords(parse(base), parse(proposed), OPTIONS);

describe('diffRecords', () => {
  it('finds nothing between a record and itself, whatever order its fields were written in', () => {
    const change = diff(aRecord(), aRecord());
    expect(isEmptyChange(change)).toBe(true);
    expect([
      change.added,
      change.removed,
      change.changed,
      change.scope,
      change.milestones,
      change.owners,
      change.fields,
    ]).toEqual([[], [], [], [], [], [], []]);
    const reordered = Object.fromEntries(Object.entries(aRecord()).reverse());
    expect(isEmptyChange(diffRecords(parse(aRecord()), parse(reordered), OPTIONS))).toBe(true);
  });

  it('names each ticket-level move: a due date, an owner, a title, what a dependency blocks', () => {
    const change = diff(
      aRecord({
        promises: [aPromise(), aPromise({ id: 'training', title: 'Admin training', due: 'kickoff+20bd' })],
        dependencies: [aDependency({ blocks: ['sso'] })],
      }),
      aRecord({
        promises: [
          aPromise({ due: 'kickoff+12bd', owner: 'comms-owner' }),
          aPromise({ id: 'training', title: 'Admin training (2 sessions)', due: 'kickoff+20bd' }),
        ],
        dependencies: [aDependency({ blocks: ['training'] })],
      }),
    );
    expect(change.changed).toEqual([
      {
        itemId: `${R}/dependency/azure-app`,
        kind: 'dependency',
        summary: '[customer] Customer registers the Azure AD app',
        blocksAdded: [`${R}/promise/training`],
        blocksRemoved: [`${R}/promise/sso`],
      },
      {
        itemId: `${R}/promise/sso`,
        kind: 'promise',
        summary: 'SSO with Azure AD before the pilot',
        blocksAdded: [],
        blocksRemoved: [],
        due: { from: '2027-01-04', to: '2027-01-06' },
        assignee: { from: EMAIL.delivery, to: EMAIL.comms },
      },
      {
        itemId: `${R}/promise/training`,
        kind: 'promise',
        summary: 'Admin training (2 sessions)',
        blocksAdded: [],
        blocksRemoved: [],
        summaryChange: { from: 'Admin training', to: 'Admin training (2 sessions)' },
      },
    ]);
    expect(change.fields).toEqual(['dependencies', 'promises']);
    expect(affectedItemIds(change)).toEqual(change.changed.map((c) => c.itemId));
  });

  it('says why a ticket is no longer planned: excluded, answered, accepted or gone', () => {
    const change = diff(
      aRecord({
        promises: [aPromise(), aPromise({ id: 'import', title: 'Import history' })],
        questions: [aQuestion()],
        risks: [aRisk()],
      }),
      aRecord({
        promises: [aPromise({ excluded: 'Dropped at the steering call', owner: undefined, due: undefined })],
        questions: [aQuestion({ answer: 'Leeds first' })],
        risks: [aRisk({ accepted: 'Go-live moved after the freeze' })],
      }),
    );
    expect(change.removed.map((r) => [r.itemId, r.why])).toEqual([
      [`${R}/promise/sso`, 'excluded: Dropped at the steering call'],
      [`${R}/promise/import`, 'no longer in the record'],
      [`${R}/question/first-depot`, 'answered: Leeds first'],
      [`${R}/risk/peak`, 'accepted: Go-live moved after the freeze'],
    ]);
    expect(change.exclusions).toEqual([
      {
        promiseId: 'sso',
        title: 'SSO with Azure AD before the pilot',
        change: 'excluded',
        reason: 'Dropped at the steering call',
      },
    ]);
    // The dependency on SSO no longer blocks anything planned.
    expect(change.changed.map((c) => [c.itemId, c.blocksRemoved])).toEqual([
      [`${R}/dependency/azure-app`, [`${R}/promise/sso`]],
    ]);
  });

  it('carries the reason its proposer gave for each item taken out, and the reasons are part of the change id', () => {
    const base = parse(
      aRecord({ promises: [aPromise(), aPromise({ id: 'import', title: 'Import history' })], risks: [aRisk()] }),
    );
    const proposed = parse(aRecord({ promises: [aPromise()], risks: [] }));
    const reasons = { [`${R}/promise/import`]: 'The customer keeps its old archive' };
    const change = diffRecords(base, proposed, OPTIONS, reasons);
    expect(change.removed.map((r) => [r.itemId, r.why])).toEqual([
      [`${R}/promise/import`, 'The customer keeps its old archive'],
      [`${R}/risk/peak`, 'no longer in the record'],
    ]);
    // Approving a change approves its reasons: another reason is another change.
    const otherReason = diffRecords(base, proposed, OPTIONS, { [`${R}/promise/import`]: 'Too costly' });
    expect(otherReason.id).not.toBe(change.id);
    expect(diffRecords(base, proposed, OPTIONS, reasons).id).toBe(change.id);
  });

  it('lets what the record says (excluded, answered, accepted) speak over a reason given for the item', () => {
    const change = diffRecords(
      parse(aRecord({ promises: [aPromise()] })),
      parse(
        aRecord({
          promises: [aPromise({ excluded: 'Dropped at the steering call', owner: undefined, due: undefined })],
        }),
      ),
      OPTIONS,
      { [`${R}/promise/sso`]: 'a reason the record contradicts' },
    );
    expect(change.removed.map((r) => r.why)).toEqual(['excluded: Dropped at the steering call']);
  });

  it('adds new items with owner, date and what they block, and takes an excluded promise back in', () => {
    const change = diff(
      aRecord({ promises: [aPromise(), anExcludedPromise()] }),
      aRecord({
        promises: [aPromise(), anExcludedPromise({ excluded: undefined, owner: 'comms-owner', due: 'kickoff+30bd' })],
        dependencies: [aDependency({ id: 'sso-app', blocks: ['bi'] })],
      }),
    );
    expect(change.added).toEqual([
      {
        itemId: `${R}/dependency/sso-app`,
        kind: 'dependency',
        summary: '[customer] Customer registers the Azure AD app',
        assignee: EMAIL.comms,
        due: '2026-12-10',
        blocks: [`${R}/promise/bi`],
      },
      {
        itemId: `${R}/promise/bi`,
        kind: 'promise',
        summary: 'Custom BI dashboards',
        assignee: EMAIL.comms,
        due: '2027-02-01',
        blocks: [],
      },
    ]);
    expect(change.exclusions).toEqual([{ promiseId: 'bi', title: 'Custom BI dashboards', change: 're-included' }]);
  });

  it('explains record-level moves: scope between lists, milestone dates, owners of roles', () => {
    const change = diff(
      aRecord({ scope: aScope({ changeControl: ['A second depot'] }) }),
      aRecord({
        scope: aScope({ included: ['Tracking rollout to one depot', 'A second depot'], excluded: [] }),
        timeline: aTimeline({ milestones: [aMilestone({ due: 'kickoff+20bd' })] }),
        people: somePeople({ 'approval-owner': EMAIL.delivery }),
      }),
    );
    expect(change.scope).toEqual([
      { text: 'A second depot', from: 'changeControl', to: 'included' },
      { text: 'Custom dashboards', from: 'excluded', to: null },
    ]);
    expect(change.milestones).toEqual([
      { id: 'pilot', name: 'Pilot depot live', from: '2027-01-11', to: '2027-01-18' },
    ]);
    expect(change.owners).toEqual([{ role: 'approval-owner', from: EMAIL.escalation, to: EMAIL.delivery }]);
  });

  it('gives the same change the same id, and another change another id', () => {
    const a = diff(aRecord(), aRecord({ outcome: { why: 'Faster dispatch.' } }));
    expect(diff(aRecord(), aRecord({ outcome: { why: 'Faster dispatch.' } })).id).toBe(a.id);
    expect(diff(aRecord(), aRecord({ outcome: { why: 'Cheaper dispatch.' } })).id).not.toBe(a.id);
    expect(a).toMatchObject({ added: [], removed: [], changed: [], fields: ['outcome'] });
    expect(isEmptyChange(a)).toBe(false);
  });
});
