import { evaluateGate } from '../../../../src/domain/gate/gate';
import { buildPlan } from '../../../../src/domain/plan/plan';
import { trackerName } from '../../../../src/domain/words';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';

/**
 * The gate of the lead's draft, as they type: the same pure gate the resolver runs, given what
 * Jira said when the saved record was checked (who can be assigned, what the project refuses).
 * Someone named since then has not been looked up yet: they count as assignable until the save
 * asks Jira, which the banner says.
 */
export function liveGate(draft: HandoffRecord, checked: GateView): { view: GateView; notLookedUp: string[] } {
  const { assignable, name } = checked.tracker;
  // One plan per keystroke: it gives the item count and the people Jira was not asked about.
  const { items } = buildPlan(draft, { target: 'jira' });
  const gate = evaluateGate(draft, {
    today: checked.today,
    people: { trackerName: trackerName(name), isKnown: (email) => assignable[email] ?? true },
    refusals: checked.tracker.refusals,
  });
  const assignees = new Set(items.flatMap((i) => (i.assignee ? [i.assignee] : [])));
  return {
    view: { ...gate, today: checked.today, items: items.length, tracker: checked.tracker },
    // People the draft assigns work to whom the tracker was not asked about yet (nobody is, unconnected).
    notLookedUp: checked.tracker.lookedUp ? [...assignees].filter((email) => !(email in assignable)) : [],
  };
}
