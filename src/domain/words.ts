import type { PlanTarget } from './plan/plan-types';

/**
 * A count with its noun in the right number — "1 issue", "3 issues", "2 dependencies" — for
 * every sentence a person reads (history, comments, CLI, panel), instead of "issue(s)".
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

const TRACKER_NAMES: Record<string, string> = { jira: 'Jira', asana: 'Asana' };

/** A tracker as people write it ("Jira", "Asana"), from its adapter's name ('jira', 'asana'). */
export function trackerName(tracker: string): string {
  return TRACKER_NAMES[tracker] ?? tracker;
}

/** What one tracker calls a piece of work, in sentences people read: a Jira issue, an Asana task. */
export function ticketNoun(tracker: PlanTarget): 'issue' | 'task' {
  return tracker === 'asana' ? 'task' : 'issue';
}
