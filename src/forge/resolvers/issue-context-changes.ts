import type { HistoryEntry } from '../storage/storage';
import type { IssueState, LinkedIssue } from './issue-context-read';

/** Where a change request stands, from the app's history: the last step it took there. */
export type ChangeOutcome = 'proposed' | 'approved' | 'rejected' | 'applied' | 'refused';
export type TouchingChange = {
  key: string;
  url: string;
  summary: string;
  /** null: the app's history has no step of it (proposed from the CLI): `state` is Jira's status. */
  outcome: ChangeOutcome | null;
  state: IssueState | null;
  /** When it took that step. */
  at: string | null;
};

const STEPS: Partial<Record<HistoryEntry['action'], ChangeOutcome>> = {
  'change-proposed': 'proposed',
  'change-approved': 'approved',
  'change-rejected': 'rejected',
  'change-applied': 'applied',
  'change-refused': 'refused',
};

/**
 * The change requests that touched an issue, with their outcome: a change request is linked
 * ("relates to") to every existing issue it changes or descopes when it is proposed, so the
 * issue's own links name them; which linked issues are change requests is what the app knows
 * (the record's ledger keeps their keys, the history their steps). No request of its own.
 */
export function touchingChanges(
  links: readonly LinkedIssue[],
  history: readonly HistoryEntry[],
  knownChanges: readonly string[],
  urlOf: (key: string) => string,
): TouchingChange[] {
  const steps = new Map<string, { outcome: ChangeOutcome; at: string }>();
  for (const entry of history) {
    const outcome = STEPS[entry.action];
    const key = outcome && /^([A-Z][A-Z0-9_]*-\d+):/.exec(entry.summary)?.[1];
    // History is oldest first: the last step wins.
    if (outcome && key) steps.set(key, { outcome, at: entry.at });
  }
  const seen = new Set<string>();
  return links.flatMap((link) => {
    const isChange = steps.has(link.key) || knownChanges.includes(link.key);
    if (!isChange || seen.has(link.key)) return [];
    seen.add(link.key);
    const step = steps.get(link.key);
    return [
      {
        key: link.key,
        url: urlOf(link.key),
        summary: link.summary,
        outcome: step?.outcome ?? null,
        state: link.state,
        at: step?.at ?? null,
      },
    ];
  });
}
