import type { CrmMapping } from './mapping';

/** Deals in a row with a mapped field empty before the panel warns: one empty deal is normal, three is a pattern. */
export const DRIFT_STREAK = 3;

/** How many deals in a row arrived with each mapped field empty, by CRM field name. */
export type EmptyStreaks = Record<string, number>;

/**
 * The streaks after one more deal: a field that arrived empty counts up, a filled one starts
 * over. A CRM field renamed under the mapping turns into an empty one on every deal, which is
 * what the Zapier reports call silent nulls; a streak says so.
 */
export function nextStreaks(previous: EmptyStreaks, mapping: CrmMapping, emptyFields: readonly string[]): EmptyStreaks {
  const streaks: EmptyStreaks = {};
  for (const name of Object.values(mapping.fields)) {
    if (name === undefined) continue;
    streaks[name] = emptyFields.includes(name) ? (previous[name] ?? 0) + 1 : 0;
  }
  return streaks;
}

/** A warning sentence per field empty on DRIFT_STREAK deals or more in a row. */
export function driftWarnings(streaks: EmptyStreaks, crm: string): string[] {
  return Object.values(driftByField(streaks, crm));
}

/** The same warnings by CRM field name, so the mapping editor shows each beside the field it names. */
export function driftByField(streaks: EmptyStreaks, crm: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(streaks)
      .filter(([, count]) => count >= DRIFT_STREAK)
      .map(([name, count]) => [
        name,
        `The ${crm} field ${name} was empty on the last ${count} deals: ` +
          'if it was renamed in the CRM, update the intake mapping.',
      ]),
  );
}
