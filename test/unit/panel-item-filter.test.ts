import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/domain/plan/plan';
import { readRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import {
  NO_FILTER,
  NO_OWNER,
  isFiltering,
  matches,
  ownersOf,
  shownCount,
  shownIndexes,
  type ItemFacts,
} from '../../static/panel/src/filter/item-filter';
import { listFacts } from '../../static/panel/src/filter/list-facts';
import { planFacts } from '../../static/panel/src/filter/plan-facts';
import { resolvedDues } from '../../static/panel/src/filter/resolved-dues';

function example(name: string): HandoffRecord {
  const read = readRecord(readFileSync(new URL(`../../examples/${name}.handoff.yaml`, import.meta.url), 'utf8'));
  if (!read.ok) throw new Error(`${name} does not read`);
  return read.value;
}

const acme = example('acme-onboarding');
const TODAY = '2026-12-15';

const facts = (over: Partial<ItemFacts>): ItemFacts => ({
  text: ['Single sign-on', 'delivery-owner'],
  owner: 'delivery-owner',
  due: '2026-12-21',
  blocked: false,
  excluded: false,
  kind: 'promise',
  ...over,
});

describe('item filter: search and filters over a list', () => {
  it('no filter shows everything and says it is not filtering', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(matches(facts({}), NO_FILTER, TODAY)).toBe(true);
    expect(isFiltering({ ...NO_FILTER, query: 'x' })).toBe(true);
  });

  it('search: every word somewhere in the text, any case', () => {
    const item = facts({ text: ['Two-way case sync', 'Keeps Zendesk and Deskline in step', 'priya@vendor.example'] });
    expect(matches(item, { ...NO_FILTER, query: 'ZENDESK sync' }, TODAY)).toBe(true);
    expect(matches(item, { ...NO_FILTER, query: '  priya  ' }, TODAY)).toBe(true);
    expect(matches(item, { ...NO_FILTER, query: 'zendesk salesforce' }, TODAY)).toBe(false);
  });

  it('owner: one owner as written, or the items with none', () => {
    expect(matches(facts({}), { ...NO_FILTER, owner: 'delivery-owner' }, TODAY)).toBe(true);
    expect(matches(facts({}), { ...NO_FILTER, owner: 'comms-owner' }, TODAY)).toBe(false);
    expect(matches(facts({ owner: null }), { ...NO_FILTER, owner: NO_OWNER }, TODAY)).toBe(true);
    expect(matches(facts({}), { ...NO_FILTER, owner: NO_OWNER }, TODAY)).toBe(false);
  });

  it('due: no date, or before today — never for an excluded promise, which needs no date', () => {
    const none = { ...NO_FILTER, due: 'none' as const };
    const overdue = { ...NO_FILTER, due: 'overdue' as const };
    expect(matches(facts({ due: null }), none, TODAY)).toBe(true);
    expect(matches(facts({}), none, TODAY)).toBe(false);
    expect(matches(facts({ due: null, excluded: true }), none, TODAY)).toBe(false);
    expect(matches(facts({ due: '2026-12-14' }), overdue, TODAY)).toBe(true);
    expect(matches(facts({ due: TODAY }), overdue, TODAY)).toBe(false);
    // A date whose anchor has no day yet cannot be overdue; without the gate's day nothing is.
    expect(matches(facts({ due: 'goLive+5bd' }), overdue, TODAY)).toBe(false);
    expect(matches(facts({ due: '2026-12-14' }), overdue, null)).toBe(false);
  });

  it('blockers, excluded and kind', () => {
    expect(matches(facts({ blocked: true }), { ...NO_FILTER, blockedOnly: true }, TODAY)).toBe(true);
    expect(matches(facts({}), { ...NO_FILTER, blockedOnly: true }, TODAY)).toBe(false);
    expect(matches(facts({ excluded: true }), { ...NO_FILTER, excluded: 'hide' }, TODAY)).toBe(false);
    expect(matches(facts({ excluded: true }), { ...NO_FILTER, excluded: 'only' }, TODAY)).toBe(true);
    expect(matches(facts({}), { ...NO_FILTER, excluded: 'only' }, TODAY)).toBe(false);
    expect(matches(facts({ kind: 'risk' }), { ...NO_FILTER, kind: 'promise' }, TODAY)).toBe(false);
  });

  it('counts in words: "12 promises", "3 of 12 promises", "1 of 2 dependencies"', () => {
    expect(shownCount(12, 12, 'promise')).toBe('12 promises');
    expect(shownCount(3, 12, 'promise')).toBe('3 of 12 promises');
    expect(shownCount(1, 2, 'dependency', 'dependencies')).toBe('1 of 2 dependencies');
    expect(shownCount(0, 1, 'risk')).toBe('0 of 1 risk');
  });
});

describe('the record lists and the Plan, filtered', () => {
  const dues = resolvedDues(acme);

  it('resolves relative dates as the plan does: kickoff+10bd is a day, pilot+5bd too', () => {
    const plan = buildPlan(acme, { target: 'jira' });
    const sso = plan.items.find((i) => i.recordPath === 'promises[0]');
    expect(dues.get('promises[0].due')).toBe(sso?.due);
    expect(dues.get('promises[2].due')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dues.get('promises[1].due')).toBe('2027-01-20');
  });

  const promises = listFacts({
    at: ['promises'],
    items: acme.promises ?? [],
    kind: 'promise',
    blocked: ['promises[1].owner', 'timeline.goLive'],
    dues,
    issueKeyOf: (item) => (item === acme.promises?.[0] ? 'DEL-2' : null),
  });

  it('a record list: owner as written, blockers by item, the excluded one, the key searchable', () => {
    expect(promises.map((f) => f.owner)).toEqual(['delivery-owner', 'maria.lopez@vendor.example', 'comms-owner', null]);
    expect(promises.map((f) => f.blocked)).toEqual([false, true, false, false]);
    expect(promises.map((f) => f.excluded)).toEqual([false, false, false, true]);
    expect(shownIndexes(promises, { ...NO_FILTER, query: 'del-2' }, TODAY)).toEqual([0]);
    expect(shownIndexes(promises, { ...NO_FILTER, blockedOnly: true }, TODAY)).toEqual([1]);
    expect(shownIndexes(promises, { ...NO_FILTER, excluded: 'hide' }, TODAY)).toEqual([0, 1, 2]);
    expect(ownersOf(promises)).toEqual(['comms-owner', 'delivery-owner', 'maria.lopez@vendor.example']);
  });

  it('overdue on a later day: what was due before it, by its resolved day', () => {
    const late = shownIndexes(promises, { ...NO_FILTER, due: 'overdue' }, '2027-01-21');
    expect(late).toContain(1);
    expect(shownIndexes(promises, { ...NO_FILTER, due: 'overdue' }, '2026-12-01')).toEqual([]);
  });

  it('the Plan: kinds as the Plan names them, the Epic never blocked, assignees as owners', () => {
    const plan = buildPlan(acme, { target: 'jira' });
    const rows = planFacts(
      plan.items,
      ['promises[1].owner', ''],
      new Map([[plan.items[1]?.itemId ?? '', { key: 'DEL-7' }]]),
    );
    expect(rows[0]?.kind).toBe('epic');
    expect(rows[0]?.blocked).toBe(false);
    const blocked = shownIndexes(rows, { ...NO_FILTER, blockedOnly: true }, TODAY).map(
      (i) => plan.items[i]?.recordPath,
    );
    expect(blocked).toEqual(['promises[1]']);
    expect(shownIndexes(rows, { ...NO_FILTER, kind: 'dependency' }, TODAY)).toHaveLength(3);
    expect(shownIndexes(rows, { ...NO_FILTER, query: 'DEL-7' }, TODAY)).toEqual([1]);
    expect(ownersOf(rows)).toContain('maria.lopez@vendor.example');
  });
});
