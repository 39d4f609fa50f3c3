import { describe, it, expect } from 'vitest';
import { CONTACT_ROLES, SCENARIOS } from '../../src/domain/record/record';
import { validateRecord } from '../../src/domain/record/read-record';
import { SCENARIO_RULES } from '../../src/domain/record/scenarios';
import type { Requirement } from '../../src/domain/record/requirements';
import { aCompleteRecord, aRecord, aRisk, aScope, isObject, somePeople, without, withValue } from '../builders/record';
import { gateOf, onlyAt, pathsOf } from '../builders/findings';

/**
 * Scenario checklists: every required item of every scenario blocks at its path when missing,
 * every recommended one only warns. The loops read SCENARIO_RULES, so a new checklist item is
 * tested without a new test.
 */

/** Ways to make one checklist item unmet, tried in order; the first that leaves a valid record wins. */
function candidates(record: unknown, requirement: Requirement): unknown[] {
  const tries: unknown[] = [];
  if (requirement.path === 'customer.contacts') {
    for (const role of CONTACT_ROLES) tries.push(withoutContactRole(record, role));
  }
  if (requirement.path === 'links') tries.push(without(without(record, 'links'), 'deal.documents'));
  // The field itself, else the smallest enclosing object the schema lets us drop.
  const segments = requirement.path.split('.');
  for (let depth = segments.length; depth > 0; depth -= 1)
    tries.push(without(record, segments.slice(0, depth).join('.')));
  // "At most" items are unmet by having too many.
  if (requirement.path === 'scope.included')
    tries.push(withValue(record, 'scope', aScope({ included: ['a', 'b', 'c', 'd'] })));
  if (requirement.path === 'risks')
    tries.push(
      withValue(
        record,
        'risks',
        ['r1', 'r2', 'r3'].map((id) => aRisk({ id })),
      ),
    );
  return tries;
}

function withoutContactRole(record: unknown, role: string): unknown {
  const customer = isObject(record) ? record.customer : undefined;
  const contacts = isObject(customer) && Array.isArray(customer.contacts) ? customer.contacts : [];
  const kept = contacts.flatMap((c: unknown) => {
    if (!isObject(c) || !Array.isArray(c.roles)) return [c];
    const roles = c.roles.filter((r: unknown) => r !== role);
    return roles.length ? [{ ...c, roles }] : [];
  });
  return withValue(record, 'customer.contacts', kept);
}

/** The complete record with `requirement` unmet, still valid so the gate can judge it. */
function breaking(record: unknown, requirement: Requirement): unknown {
  for (const attempt of candidates(record, requirement)) {
    const result = validateRecord(attempt);
    if (result.ok && !requirement.met(result.value)) return attempt;
  }
  throw new Error(`no way found to leave "${requirement.path}" unmet in a valid record`);
}

describe('the complete record', () => {
  it.each(SCENARIOS)('meets every required and recommended item of %s: go, no blockers, no warnings', (scenario) => {
    expect(gateOf(aCompleteRecord(scenario))).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });
});

describe.each(SCENARIOS)('scenario %s', (scenario) => {
  const rules = SCENARIO_RULES[scenario];

  it.each(rules.required.map((r) => [r.path, r] as const))(
    'required %s: missing it blocks at that path',
    (path, requirement) => {
      const result = gateOf(breaking(aCompleteRecord(scenario), requirement));
      expect(result.decision).toBe('not-yet');
      expect(result.blockers).toContainEqual({ path, message: requirement.message });
    },
  );

  it.each(rules.recommended.map((r) => [r.path, r] as const))(
    'recommended %s: missing it only warns',
    (path, requirement) => {
      const result = gateOf(breaking(aCompleteRecord(scenario), requirement));
      expect(result).toEqual({ decision: 'go', blockers: [], warnings: [{ path, message: requirement.message }] });
    },
  );
});

describe('checklist semantics', () => {
  it('every requirement message is a sentence ending in a full stop', () => {
    for (const rules of Object.values(SCENARIO_RULES)) {
      for (const r of [...rules.required, ...rules.recommended]) expect(r.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('an empty risks or promises list answers "listed" items (none were found)', () => {
    const result = gateOf(aRecord({ risks: [], promises: [], dependencies: [] }));
    expect(result).toEqual({ decision: 'go', blockers: [], warnings: [] });
  });

  it('an empty scope.included does not answer a "field" item', () => {
    const result = gateOf(aRecord({ scope: aScope({ included: [] }) }));
    expect(pathsOf(result.blockers)).toEqual(['scope.included']);
    expect(onlyAt(result.blockers, 'scope.included').message).toBe('List what is in scope.');
  });

  it('a missing scope.excluded list blocks even though an empty one would do', () => {
    const result = gateOf(aRecord({ scope: aScope({ excluded: undefined }) }));
    expect(pathsOf(result.blockers)).toEqual(['scope.excluded']);
  });

  it('lightweight: deal.documents answers the "links" item as well as links do', () => {
    const viaDocuments = aCompleteRecord('lightweight', { links: undefined });
    expect(gateOf(viaDocuments).blockers).toEqual([]);
  });

  it('owner-transfer requires only its own short list, not the core checklist', () => {
    const result = gateOf({
      version: 1,
      id: 'handover',
      title: 'Account handover',
      scenario: 'owner-transfer',
      customer: { company: 'Globex Ltd' },
      people: somePeople(),
      promises: [],
      transfer: {
        from: 'old@vendor.example',
        to: 'new@vendor.example',
        effective: '2026-12-07',
        note: 'Risks, next actions, contacts.',
      },
      signoffs: { delivery: { by: 'new@vendor.example', at: '2026-11-30', status: 'ready' } },
    });
    expect(result.blockers).toEqual([]);
    expect(pathsOf(result.warnings)).toEqual(['transfer.relationshipContext', 'timeline.milestones']);
  });

  it('a missing delivery owner in a core record blocks at people.delivery-owner and at every item it owns', () => {
    const result = gateOf(aRecord({ people: somePeople({ 'delivery-owner': undefined }) }));
    expect(pathsOf(result.blockers).sort()).toEqual(['people.delivery-owner', 'promises[0].owner', 'risks[0].owner']);
  });
});
