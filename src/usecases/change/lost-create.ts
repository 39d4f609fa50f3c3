import type { ChangeState } from '../../provision/change-types';
import type { ChangeTracker } from '../../provision/change-tracker';
import { SEARCH_SETTLE_MS, SETTLE_POLL_MS } from '../../provision/engine';
import type { RetryPolicy, Sender } from '../../provision/retry';
import { TrackerError } from '../../provision/tracker-error';

/**
 * Opens the change request; when the answer is lost (a 5xx or a dropped connection after the
 * tracker may have made it), looks for it before saying it failed: the search lags behind a
 * create, so it is asked again until it shows the ticket this very proposal made (the same
 * change, proposer and `proposedAt`) or Jira's search has had time to catch up. Found, it is
 * the key; never made, the error stands and proposing again opens it — never a twin.
 */
export async function createOnce(
  tracker: ChangeTracker,
  create: () => Promise<string>,
  proposal: { state: ChangeState; known: readonly string[] },
  run: { send: Sender; policy: RetryPolicy },
): Promise<string> {
  const sentAt = run.policy.now();
  try {
    return await run.send(create, 'create');
  } catch (error) {
    if (!(error instanceof TrackerError && error.transient)) throw error;
    const { state, known } = proposal;
    for (let poll = 0; ; poll++) {
      const tickets = await run.send(() => tracker.findChangeRequests(state.recordId, known), 'read');
      const made = tickets.find(
        (t) =>
          t.state.changeId === state.changeId &&
          t.state.proposedAt === state.proposedAt &&
          t.state.proposedBy.account === state.proposedBy.account,
      );
      if (made) return made.key;
      if (run.policy.now() >= sentAt + SEARCH_SETTLE_MS) throw error;
      await run.policy.sleep(SETTLE_POLL_MS[Math.min(poll, SETTLE_POLL_MS.length - 1)] ?? 0);
    }
  }
}
