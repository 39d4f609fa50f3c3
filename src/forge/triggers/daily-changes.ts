import { knownChanges } from '../../provision/ledger';
import { withRetry } from '../../provision/retry';
import type { App } from '../deps';
import { pushApply, recordHistory } from '../queue/changes';
import { trackerFor } from '../tracker-for';
import type { ProjectEntry } from '../storage/storage';

/**
 * The daily check's half of change control: change requests the approval owner moved to an
 * approving status and that nothing has applied yet are applied in the background, as the
 * trigger does when the move's event arrives. It is for projects restricted from the default
 * group, which send the app no events (FRGE-212). One search as the app per project.
 *
 * judgeStatusMove is not reused: it comments on a request someone else approved, and this runs
 * every day — such a request is left alone here (the page shows its approval) and never applied.
 * An apply already queued by the event is harmless twice: the engine answers "already applied".
 */
export async function applyApprovedChanges(app: App, entry: ProjectEntry): Promise<void> {
  const { projectKey, siteUrl } = entry;
  const { tracker } = await trackerFor(app, { projectKey, siteUrl, jira: app.jiraAsApp(), by: 'app' });
  // The keys the project's ledger wrote down are read directly: the search lags its writes.
  const known = await knownChanges((recordId) => app.store.ledger(projectKey, recordId), entry.recordId);
  const tickets = await withRetry(() => tracker.findChangeRequests(entry.recordId, known), 'read', app.policy);
  for (const ticket of tickets) {
    const approver = ticket.approval.by?.account;
    if (!ticket.approval.approved || ticket.state.outcome || approver !== ticket.state.approvalOwner.account) continue;
    await recordHistory(
      app,
      entry.projectKey,
      approver,
      'change-approved',
      `${ticket.key}: approved by the approval owner; found by the daily check`,
    );
    await pushApply(app, entry.projectKey, ticket.key);
  }
}
