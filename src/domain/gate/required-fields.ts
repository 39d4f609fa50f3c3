import type { HandoffRecord } from '../record/record';
import { rulesFor } from '../record/scenarios';
import type { Findings } from './finding';

/** The scenario's checklist: required items block, recommended ones warn. */
export function requiredFields(record: HandoffRecord): Findings {
  const rules = rulesFor(record);
  const unmet = (list: typeof rules.required) =>
    list.filter((r) => !r.met(record)).map((r) => ({ path: r.path, message: r.message }));
  return { blockers: unmet(rules.required), warnings: unmet(rules.recommended) };
}
