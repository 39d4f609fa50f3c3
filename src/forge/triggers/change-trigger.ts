import { judgeStatusMove, type StatusMove } from '../../usecases/change/approval-move';
import type { ChangeTracker } from '../../provision/change-tracker';
import { pushApply, recordHistory, refuseUnlessApplyMay } from '../queue/changes';
import { createJiraTracker } from '../../trackers/jira/jira-tracker';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import { invocationRights } from '../jira/permission-cache';
import { approvalMarks } from '../storage/approval-marks';

/** Status names that may mean "approved" (the tracker's own check of the status category follows). */
const APPROVING = /^(approved|done)$/i;

/**
 * A change request moved to Done / Approved in Jira: when the approval owner moved it, the
 * change is applied in the background (the queue); when someone else did, the issue is told
 * so and nothing is applied. Returns whether the issue was a change request, so the kickoff
 * trigger leaves it alone. One read of the issue (as the app) per such move.
 */
export async function onChangeRequestMoved(
  app: App,
  move: { projectKey: string; siteUrl: string; key: string; status: string; by: string | null },
): Promise<boolean> {
  if (!APPROVING.test(move.status.trim())) return false;
  // A Jira issue moved: whatever the project's record provisions in, this is about a Jira issue.
  const tracker = createJiraTracker({ request: app.jiraAsApp(), projectKey: move.projectKey, siteUrl: move.siteUrl });
  // The approval happened in Jira; the app applies it, so only the app's account is asked.
  return judgeMove(app, tracker, move, () =>
    refuseUnlessApplyMay(invocationRights(app), { projectKey: move.projectKey, key: move.key, approver: null }),
  );
}

/**
 * A change request's move in its tracker, judged (approval-move.ts) and acted on: the approval
 * owner's is recorded and applied in the queue once `mayApply` (a check that throws a
 * HandoffError) lets it; anyone else's is recorded as refused (the request was told so). The Jira
 * trigger and Asana's webhook both end here. Returns whether the item was a change request.
 */
export async function judgeMove(
  app: App,
  tracker: ChangeTracker,
  move: StatusMove & { projectKey: string },
  mayApply: () => Promise<void> = async () => undefined,
): Promise<boolean> {
  const verdict = await judgeStatusMove(tracker, move, { policy: app.policy });
  if (verdict.kind === 'not-a-change-request') return false;
  if (verdict.kind === 'settled') return true;
  if (verdict.kind === 'refused') {
    await recordHistory(
      app,
      move.projectKey,
      verdict.approver ?? 'unknown',
      'change-refused',
      `${move.key}: moved to ${move.status} by someone other than the approval owner; not applied`,
    );
    return true;
  }
  const marks = approvalMarks(app.kvs, move.projectKey);
  if (verdict.at !== null && (await marks.actedOn(move.key, verdict.at))) return true;
  await recordHistory(
    app,
    move.projectKey,
    verdict.approver,
    'change-approved',
    `${move.key}: moved to ${move.status} by the approval owner`,
  );
  try {
    await mayApply();
  } catch (error) {
    if (!(error instanceof HandoffError)) throw error;
    await recordHistory(app, move.projectKey, 'app', 'change-refused', `${move.key}: ${error.message}`);
    return true;
  }
  await pushApply(app, move.projectKey, move.key);
  if (verdict.at !== null) await marks.mark(move.key, verdict.at);
  return true;
}
