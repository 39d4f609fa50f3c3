import type { Problem } from '../../domain/problem';
import type { App } from '../deps';
import { startProvisioning } from '../queue/provisioning';
import { loadValidRecord } from '../resolvers/records';
import type { Caller } from '../resolvers/resolver-kit';

/**
 * What asking for provisioning outside the page answers: queued (with the run's id), not yet
 * (the gate's blockers; nothing was created) or busy (another run holds the project).
 */
export type QueuedRun =
  { kind: 'queued'; runId: string } | { kind: 'not-yet'; blockers: Problem[] } | { kind: 'busy'; why: string };

/**
 * Provisioning through the page's own `startProvisioning` — the gate, the project's lock and
 * journal — but always in the queue, never inline: an Automation step and a Rovo action each
 * have their own time limit, and the queue's slices finish any size of plan whatever it is.
 */
export async function queueProvisioning(app: App, caller: Caller, trigger: 'automation' | 'rovo'): Promise<QueuedRun> {
  const record = await loadValidRecord(app.store, caller.projectKey);
  const result = await startProvisioning(app, {
    ...caller,
    record,
    trigger,
    by: caller.accountId,
    commentOn: null,
    inlineAllowed: false,
  });
  if (result.kind === 'not-yet' || result.kind === 'queued') return result;
  if (result.kind === 'busy')
    return {
      kind: 'busy',
      why:
        result.why ??
        `A provisioning of ${caller.projectKey} is already running; it goes on, and this one was not started.`,
    };
  // Not inline, so a run is never done here; were it, it ran to its end and its id is where to follow it.
  return { kind: 'queued', runId: result.runId };
}
