import type { ChangeSet } from '../../domain/change/change-set';
import { changeHistory, type ChangeEvent, type ChangeSummary } from '../../usecases/change/history';
import { decodePayload } from '../../usecases/change/payload';
import { readSealedRequest } from '../../usecases/change/read-sealed';
import type { App } from '../deps';
import { changeOptions } from '../queue/changes';
import { actorOf, type Caller } from '../resolvers/resolver-kit';
import { trackerFor } from '../tracker-for';

/**
 * Change requests whose change sets one answer reads, newest first: each is one Jira request,
 * and an answer in chat has the resolver's time limit, so a long history is cut here and says so.
 */
export const CHANGES_READ = 20;

/** A change request with what happened to it and, when its seal holds, the change it carries. */
export type LoggedChange = ChangeSummary & { events: ChangeEvent[]; change: ChangeSet | null };
export type ChangeLog = { changes: LoggedChange[]; complete: boolean };

/**
 * The record's change requests as Jira holds them (the same history the page shows), each with
 * its change set read back through its seal: a diff edited on the ticket after it was proposed
 * is not what was approved, so it is reported without its content (`change: null`).
 */
export async function changeLog(app: App, caller: Caller, recordId: string): Promise<ChangeLog> {
  const options = { ...changeOptions(app, caller.projectKey), policy: caller.policy };
  const { tracker } = await trackerFor(app, actorOf(caller));
  const history = await changeHistory(tracker, recordId, options);
  const newest = history.changes.slice(-CHANGES_READ).reverse();
  const changes: LoggedChange[] = [];
  for (const summary of newest) {
    const read = await readSealedRequest(tracker, summary.key, options, 'shown');
    const payload = read.kind === 'read' ? decodePayload(read.request.payload) : null;
    changes.push({
      ...summary,
      events: history.events.filter((e) => e.key === summary.key),
      change: payload?.change ?? null,
    });
  }
  return { changes, complete: newest.length === history.changes.length };
}
