import { z } from 'zod';
import { buildPlan } from '../../domain/plan/plan';
import { formatIsoDay } from '../../domain/dates/calendar';
import { resolveTimeline } from '../../domain/dates/timeline';
import type { HandoffRecord } from '../../domain/record/record';
import { withRetry } from '../../provision/retry';
import { createJiraClient } from '../../trackers/jira/jira-client';
import { jiraPath } from '../../trackers/jira/jira-path';
import { appOf, type App, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { startKickoff } from './kickoff';
import { applyApprovedChanges } from './daily-changes';
import { loadValidRecord } from '../resolvers/records';
import type { ProjectEntry } from '../storage/storage';
import { settingsStore } from '../storage/settings';
import { withProjectDefaults } from '../../domain/record/project-defaults';

/**
 * The daily check, per project with a record: a kickoff that is due — `automation.onKickoffDate`
 * and the kickoff day has come, or the kickoff issue already stands in its kickoff status — and
 * whose current plan no run has handled is kicked off; change requests the approval owner
 * approved are applied. The kickoff issue and change-request halves are what the trigger does
 * on events; here they cover projects restricted from the default group, which send none
 * (FRGE-212), and any event the platform lost. Storage is per installation, so the project
 * index says which projects to look at.
 */
export function createScheduledTrigger(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (): Promise<void> => {
    for (const entry of await app.store.projects()) {
      // One project's failure must not keep the others from their kickoff or their changes.
      for (const [what, check] of [
        ['kickoff', dailyKickoff],
        ['change check', applyApprovedChanges],
      ] as const) {
        try {
          await check(app, entry);
        } catch (error) {
          logFailure(`scheduled ${what} of ${entry.projectKey}`, error, app.secrets, app.log);
        }
      }
    }
  };
}

async function dailyKickoff(app: App, entry: ProjectEntry): Promise<void> {
  // A project admin may turn the daily kickoff check off (project settings): kickoff then waits for
  // the kickoff issue's move or a person.
  const { settings } = await settingsStore(app.kvs).load(entry.projectKey);
  if (!settings.dailyKickoffCheck) return;
  const record = withProjectDefaults(await loadValidRecord(app.store, entry.projectKey), settings);
  const automation = record.automation;
  const dateDue = automation?.onKickoffDate === true && kickoffDayHasCome(record, app.today());
  if (!dateDue && !automation?.kickoffIssue) return;
  if (await planHandled(app, entry.projectKey, record)) return;
  const trigger = dateDue ? 'kickoff-date' : (await inKickoffStatus(app, record)) ? 'kickoff-issue' : null;
  if (!trigger) return;
  await startKickoff(app, {
    projectKey: entry.projectKey,
    record,
    trigger,
    commentOn: automation?.kickoffIssue ?? null,
    daily: true,
  });
}

function kickoffDayHasCome(record: HandoffRecord, today: string): boolean {
  const kickoff = resolveTimeline(record).timeline.anchors.get('kickoff');
  return kickoff !== undefined && kickoff !== null && formatIsoDay(kickoff) <= today;
}

/** A run of the current plan is going, or went through without a failure (a kickoff by the event included). */
async function planHandled(app: App, projectKey: string, record: HandoffRecord): Promise<boolean> {
  const journal = await app.store.loadJournal(projectKey);
  const plan = buildPlan(record, { target: (await app.targets.load(projectKey)).kind });
  return (
    journal?.planHash === plan.hash &&
    (journal.state === 'running' || (journal.state === 'done' && journal.outcome?.failed === 0))
  );
}

const issueStatus = z.object({ fields: z.object({ status: z.object({ name: z.string() }) }) });

/** GET /rest/api/3/issue/{key}?fields=status as the app: whether the kickoff issue stands in its kickoff status. */
async function inKickoffStatus(app: App, record: HandoffRecord): Promise<boolean> {
  const { kickoffIssue, kickoffStatus } = record.automation ?? {};
  if (!kickoffIssue || !kickoffStatus) return false;
  const client = createJiraClient(app.jiraAsApp());
  const call = await withRetry(
    () => client.send('GET', jiraPath`/rest/api/3/issue/${kickoffIssue}?fields=${'status'}`),
    'read',
    app.policy,
  );
  const status = client.read(issueStatus, call, 'GET /rest/api/3/issue').fields.status.name;
  return status.trim().toLowerCase() === kickoffStatus.trim().toLowerCase();
}
