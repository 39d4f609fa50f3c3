import { evaluateGate, type GateResult } from '../gate/gate';
import { validateRecord } from '../record/read-record';
import type { DealDraft } from './draft';

/**
 * The ordinary gate, on a draft: what the deal lacked first, then — once the draft is a record —
 * every blocker the gate finds, or — while it is not — every field that keeps it from being one.
 */
export function draftGate(draft: Pick<DealDraft, 'record' | 'blockers'>, today: string): GateResult {
  const read = validateRecord(draft.record);
  if (!read.ok) {
    const named = new Set(draft.blockers.map((b) => b.path));
    const rest = read.problems.filter((p) => !named.has(p.path));
    return { decision: 'not-yet', blockers: [...draft.blockers, ...rest], warnings: [] };
  }
  const gate = evaluateGate(read.value, { today });
  const blockers = [...draft.blockers, ...gate.blockers];
  return { decision: blockers.length === 0 ? 'go' : 'not-yet', blockers, warnings: gate.warnings };
}
