import type { HandoffRecord } from '../../domain/record/record';
import { blockersComment } from '../jira/comments';
import type { App } from '../deps';
import { startProvisioning } from '../queue/provisioning';
import { comment } from '../queue/run-slice';
import { HandoffError } from '../errors';
import { invocationRights } from '../jira/permission-cache';
import { alreadySaid } from './kickoff-notice';
import { counted } from '../../domain/words';
import { STARTED_BY } from '../../domain/run-trigger';

export type KickoffRequest = {
  projectKey: string;
  record: HandoffRecord;
  trigger: 'kickoff-issue' | 'kickoff-date';
  commentOn: string | null;
  /** The daily check (not an event): it repeats nothing it said before (kickoff-notice.ts). */
  daily: boolean;
};

/**
 * Kickoff, whichever way it came: as the app, gate the record; on go the run goes to the queue
 * (the consumer comments the outcome), on not yet the blockers are commented and kept in the
 * history (by the daily check only when they changed). A run already going is left to finish and report.
 */
export async function startKickoff(app: App, req: KickoffRequest): Promise<void> {
  const entry = await app.store.project(req.projectKey);
  if (!entry) return;
  const jira = app.jiraAsApp();
  const result = await startProvisioning(app, {
    ...req,
    siteUrl: entry.siteUrl,
    jira,
    by: 'app',
    inlineAllowed: false,
    rightsOf: invocationRights(app),
  }).catch(async (error: unknown) => {
    // The app's account may not do what the run needs: the page's history says so, not only the log.
    if (
      error instanceof HandoffError &&
      error.code === 'FORBIDDEN' &&
      !(await alreadySaid(app, req.projectKey, error.message, req.daily))
    )
      await app.store.appendHistory(req.projectKey, {
        at: new Date(app.now()).toISOString(),
        by: 'app',
        action: 'provisioning-failed',
        summary: `Started ${STARTED_BY[req.trigger]}: ${error.message}`,
      });
    throw error;
  });
  if (result.kind !== 'not-yet') return;
  if (await alreadySaid(app, req.projectKey, result.blockers, req.daily)) return;
  await app.store.appendHistory(req.projectKey, {
    at: new Date(app.now()).toISOString(),
    by: 'app',
    action: 'kickoff-not-yet',
    summary:
      `Started ${STARTED_BY[req.trigger]}: not yet, ` +
      `${counted(result.blockers.length, 'blocker')}; nothing was created`,
  });
  if (req.commentOn) await comment(app, jira, req.commentOn, () => blockersComment(req.record.title, result.blockers));
}
