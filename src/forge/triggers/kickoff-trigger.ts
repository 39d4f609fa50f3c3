import { z } from 'zod';
import { appOf, type App, type ForgeDeps } from '../deps';
import { logFailure } from '../errors';
import { jiraIssueKey, jiraProjectKey } from '../../domain/record/jira-keys';
import { startKickoff } from './kickoff';
import { onChangeRequestMoved } from './change-trigger';
import { loadValidRecord } from '../resolvers/records';
import { settingsStore } from '../storage/settings';
import { withProjectDefaults } from '../../domain/record/project-defaults';

/**
 * The part of `avi:jira:updated:issue` the trigger reads. Jira sends no "transitioned" event:
 * a status change is an update whose changelog has a `status` item, `toString` the new status.
 */
const issueUpdated = z.object({
  /** Who made the change (absent when the platform does not say). */
  atlassianId: z.string().optional(),
  issue: z.object({
    // An event whose key is not an issue key (`DEL-1/../x`, `DEL%23x`) is ignored before any request.
    key: jiraIssueKey,
    fields: z.object({ project: z.object({ key: z.string() }).optional() }).optional(),
  }),
  changelog: z
    .object({
      items: z.array(
        z.object({
          field: z.string().optional(),
          fieldId: z.string().optional(),
          toString: z.string().nullable().optional(),
        }),
      ),
    })
    .optional(),
});

/**
 * The kickoff trigger: when the record's kickoff issue reaches its kickoff status, provision
 * in the background (the consumer comments the outcome on the issue) — or, when the gate says
 * not yet, comment the blockers there and create nothing. A change request moved to Done /
 * Approved by its approval owner is applied in the background (change-trigger.ts). Acts as
 * the app.
 */
export function createKickoffTrigger(deps: ForgeDeps) {
  const app = appOf(deps);
  return async (event: unknown): Promise<void> => {
    try {
      await onIssueUpdated(app, event);
    } catch (error) {
      logFailure('kickoff trigger', error, app.secrets, app.log);
    }
  };
}

async function onIssueUpdated(app: App, event: unknown): Promise<void> {
  const parsed = issueUpdated.safeParse(event);
  if (!parsed.success) return;
  const { issue, changelog, atlassianId } = parsed.data;
  const status = changelog?.items.find((i) => (i.fieldId ?? i.field) === 'status')?.toString;
  const projectKey = jiraProjectKey.safeParse(issue.fields?.project?.key ?? issue.key.split('-')[0]);
  const entry = projectKey.success ? await app.store.project(projectKey.data) : null;
  if (!status || !projectKey.success || !entry) return;
  if (
    await onChangeRequestMoved(app, {
      projectKey: projectKey.data,
      siteUrl: entry.siteUrl,
      key: issue.key,
      status,
      by: atlassianId ?? null,
    })
  )
    return;
  // The project settings' kickoff issue and status count where the record names none.
  const { settings } = await settingsStore(app.kvs).load(projectKey.data);
  const record = withProjectDefaults(await loadValidRecord(app.store, projectKey.data), settings);
  const automation = record.automation;
  if (
    automation?.kickoffIssue !== issue.key ||
    automation.kickoffStatus?.trim().toLowerCase() !== status.trim().toLowerCase()
  )
    return;
  await startKickoff(app, {
    projectKey: projectKey.data,
    record,
    trigger: 'kickoff-issue',
    commentOn: issue.key,
    daily: false,
  });
}
