import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/domain/gate/gate';
import { readRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import type { GateView } from '../../src/forge/resolvers/resolvers';
import { inFormOrder, placeOf } from '../../static/panel/src/gate/blocker-place';
import { liveGate } from '../../static/panel/src/gate/live-gate';

function example(name: string): HandoffRecord {
  const read = readRecord(readFileSync(new URL(`../../examples/${name}.handoff.yaml`, import.meta.url), 'utf8'));
  if (!read.ok) throw new Error(`${name} does not read`);
  return read.value;
}

const skylark = example('skylark-support-not-yet');
const TODAY = '2026-12-01';

/** What the resolver answers for the saved record: its gate and what Jira said about its people. */
function checked(record: HandoffRecord, assignable: Record<string, boolean>): GateView {
  const people = { trackerName: 'Jira', isKnown: (email: string) => assignable[email] ?? false };
  return {
    ...evaluateGate(record, { today: TODAY, people }),
    today: TODAY,
    items: 0,
    tracker: { name: 'jira', assignable, refusals: [], lookedUp: true },
  };
}

describe('the live gate: the draft is gated as the lead types', () => {
  it('a fixed field stops blocking without a save; the count follows', () => {
    const saved = checked(skylark, {});
    const fixed = { ...skylark, timeline: { ...skylark.timeline, goLive: '2027-03-01' } };
    const live = liveGate(fixed, saved).view;
    expect(saved.blockers.map((b) => b.path)).toContain('timeline.goLive');
    expect(live.blockers.map((b) => b.path)).not.toContain('timeline.goLive');
    expect(live.blockers.length).toBeLessThan(saved.blockers.length);
    expect(live.items).toBeGreaterThan(0);
  });

  it('is the resolver’s gate when nothing changed (same pure gate, same knowledge)', () => {
    const assignable = { 'sam.okafor@vendor.example': true, 'maria.lopez@vendor.example': false };
    const saved = checked(skylark, assignable);
    const live = liveGate(skylark, saved).view;
    expect(live.blockers).toEqual(saved.blockers);
    expect(live.warnings).toEqual(saved.warnings);
  });

  it('keeps Jira’s "not assignable" for people it was asked about; newly named people wait for the save', () => {
    const saved = checked(skylark, { 'sam.okafor@vendor.example': false });
    const live = liveGate(skylark, saved).view;
    expect(live.blockers.some((b) => b.message.startsWith('sam.okafor@vendor.example has no Jira account'))).toBe(
      saved.blockers.some((b) => b.message.startsWith('sam.okafor@vendor.example has no Jira account')),
    );
    const [first, ...others] = skylark.promises ?? [];
    if (!first) throw new Error('skylark has promises');
    const renamed = { ...skylark, promises: [{ ...first, owner: 'new.person@vendor.example' }, ...others] };
    const { view, notLookedUp } = liveGate(renamed, saved);
    expect(notLookedUp).toContain('new.person@vendor.example');
    expect(view.blockers.some((b) => b.message.startsWith('new.person'))).toBe(false);
  });

  it('asks nobody to wait for a save when the reader has not connected the tracker: nobody is looked up then', () => {
    const unconnected = {
      ...checked(skylark, {}),
      tracker: { name: 'asana', assignable: {}, refusals: [], lookedUp: false },
    };
    const [first, ...others] = skylark.promises ?? [];
    if (!first) throw new Error('skylark has promises');
    const renamed = { ...skylark, promises: [{ ...first, owner: 'new.person@vendor.example' }, ...others] };
    const { view, notLookedUp } = liveGate(renamed, unconnected);
    expect(notLookedUp).toEqual([]);
    expect(view.blockers.some((b) => b.message.includes('account that can be assigned'))).toBe(false);
  });
});

describe('blockers in the lead’s words, in form order', () => {
  it('names a list item by its number and title, and the field by its label', () => {
    const title = skylark.promises?.[2]?.title;
    expect(placeOf(skylark, 'promises[2].owner').label).toBe(`Promise 3 · ${title} — Owner`);
    expect(placeOf(skylark, 'timeline.goLive').label).toBe('Timeline · Go-live');
    expect(placeOf(skylark, 'signoffs.delivery.blockers[1]').label).toBe('Sign-off · Delivery — "blocked by" 2');
    expect(placeOf(skylark, '').label).toBe('The whole record');
    expect(placeOf(undefined, 'dependencies[0].due').label).toBe('Dependency 1 — Due');
  });

  it('orders blockers as the form shows their fields, sign-offs last', () => {
    const paths = [
      'signoffs.operations',
      'promises[2].owner',
      'dependencies[1].due',
      'promises[1].due',
      'timeline.goLive',
    ];
    expect(
      inFormOrder(
        skylark,
        paths.map((path) => ({ path })),
      ).map((p) => p.path),
    ).toEqual([
      'timeline.goLive',
      'promises[1].due',
      'promises[2].owner',
      'dependencies[1].due',
      'signoffs.operations',
    ]);
  });
});
