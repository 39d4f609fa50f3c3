import { buildPlan } from '../../domain/plan/plan';
import { formatIsoDay } from '../../domain/dates/calendar';
import { resolveTimeline } from '../../domain/dates/timeline';
import { appOf, type App, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { startKickoff } from './kickoff';
import { loadValidRecord } from '../resolvers/records';
import type { ProjectEntry } from '../storage/storage';

/**
 * The daily check: every record with `automation.onKickoffDate` whose kickoff day has come,
 * and whose current plan has not been provisioned yet, is kicked off as by the kickoff
 * issue. Storage is per installation, so the project index says which projects to look at.
 */
export function createScheduledTrigger(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (): Promise<void> => {
    for (const entry of await app.store.projects()) {
      // One project's failure must not keep the others from their kickoff.
      try {
        await kickoffByDate(app, entry);
      } catch (error) {
        logFailure(`scheduled kickoff of ${entry.projectKey}`, error, app.secrets, app.log);
      }
    }
  };
}

async function kickoffByDate(app: App, entry: ProjectEntry): Promise<void> {
  const record = await loadValidRecord(app.store, entry.projectKey);
  if (!record.automation?.onKickoffDate) return;
  const kickoff = resolveTimeline(record).timeline.anchors.get('kickoff');
  const today = app.today();
  if (kickoff === undefined || kickoff === null || formatIsoDay(kickoff) > today) return;
  const journal = await app.store.loadJournal(entry.projectKey);
  const plan = buildPlan(record, { target: 'jira' });
  const handled =
    journal?.planHash === plan.hash &&
    (journal.state === 'running' || (journal.state === 'done' && journal.outcome?.failed === 0));
  if (handled) return;
  await startKickoff(app, {
    projectKey: entry.projectKey,
    record,
    trigger: 'kickoff-date',
    commentOn: record.automation.kickoffIssue ?? null,
  });
}
