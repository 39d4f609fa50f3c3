import { recordLabel } from '../../../../src/domain/plan/plan-items';
import type { RunTrigger } from '../../../../src/domain/run-trigger';
import type { RunView } from '../../../../src/forge/queue/journal';

/** What the record became: when, how it was started, its issues by plan item, and all of them in Jira's search. */
export type Provisioned = {
  recordId: string;
  at: string;
  trigger: RunTrigger;
  /** Who started the run, by the name Jira gave then; null when a trigger started it or Jira did not say. */
  by: string | null;
  keys: ReadonlyMap<string, string>;
  searchUrl: string;
};

/** The saved record's finished run, or null while it has none (never provisioned, or another record's run). */
export function provisionedOf(run: RunView | null | undefined, recordId: string | undefined, siteUrl: string) {
  if (!run || run.state !== 'done' || !recordId || run.recordId !== recordId || !run.outcome) return null;
  const keys = new Map([...run.outcome.created, ...run.outcome.existing].map((i) => [i.itemId, i.key]));
  // Every item carries the record's label: one search lists them all, whatever project or type.
  const jql = `labels = "${recordLabel(recordId)}" ORDER BY created ASC`;
  return {
    recordId,
    at: run.updatedAt,
    trigger: run.trigger,
    by: run.byName,
    keys,
    searchUrl: `${siteUrl}/issues/?jql=${encodeURIComponent(jql)}`,
  } satisfies Provisioned;
}
