import { z } from 'zod';
import { inForce } from '../../domain/record/project-defaults';
import { jiraProjectKey } from '../../domain/record/jira-keys';
import { validateRecord } from '../../domain/record/read-record';
import type { App } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { projectSettings, settingsStore, type ProjectSettings } from '../storage/settings';
import { markKickoffKey } from './kickoff-mark';
import { administers, onlyAdminsChange } from './project-admin';
import { emptyPayload, type EmptyPayload } from './payloads';
import { defineHandler, type Caller } from './resolver-kit';

/** The kickoff issue and its status go together, as in a record: refused before any request otherwise. */
export const settingsPayload = projectSettings
  .extend({ projectKey: jiraProjectKey.optional() })
  .superRefine((settings, context) => {
    if ((settings.kickoffIssue === null) === (settings.kickoffStatus === null)) return;
    context.addIssue({
      code: 'custom',
      path: [settings.kickoffIssue === null ? 'kickoffIssue' : 'kickoffStatus'],
      message: 'name the kickoff issue and its kickoff status together, or neither',
    });
  });
export type SettingsPayload = z.input<typeof settingsPayload>;

/**
 * The project settings page: the settings, who saved them when, whether the caller may change
 * them (project admins only) and if not why, and what is in force for the project's record —
 * the record wins where it names a kickoff issue, status or approval owner (`inForce`).
 */
export type SettingsView = {
  settings: ProjectSettings;
  savedAt: string | null;
  savedBy: string | null;
  canChange: boolean;
  readOnlyWhy: string | null;
  inForce: ReturnType<typeof inForce>;
};

export type SettingsDefinitions = {
  loadSettings: (payload: EmptyPayload) => ResolverResult<SettingsView>;
  saveSettings: (payload: SettingsPayload) => ResolverResult<SettingsView>;
};

const readOnly = (projectKey: string) => onlyAdminsChange(projectKey, 'its Handoff settings');

async function viewOf(app: App, caller: Caller, canChange: boolean): Promise<SettingsView> {
  const { settings, savedAt, savedBy } = await settingsStore(app.kvs).load(caller.projectKey);
  const stored = await app.store.loadRecord(caller.projectKey);
  const valid = stored && validateRecord(stored.record);
  return {
    settings,
    savedAt,
    savedBy,
    canChange,
    readOnlyWhy: canChange ? null : readOnly(caller.projectKey),
    inForce: inForce(valid && valid.ok ? valid.value : null, settings),
  };
}

export function settingsResolvers(app: App) {
  return {
    loadSettings: defineHandler(app, emptyPayload, async (_, caller) =>
      viewOf(app, caller, await administers(caller.jira, caller.projectKey, caller.policy)),
    ),

    saveSettings: defineHandler(app, settingsPayload, async ({ projectKey: _, ...settings }, caller) => {
      if (!(await administers(caller.jira, caller.projectKey, caller.policy)))
        throw new HandoffError('FORBIDDEN', readOnly(caller.projectKey));
      // The kickoff trigger's filter passes only issues labelled kickoff issues: label it now, as a record's save does.
      if (settings.kickoffIssue)
        await markKickoffKey(caller.jira, settings.kickoffIssue, caller.policy, 'kickoffIssue');
      await settingsStore(app.kvs).save(caller.projectKey, {
        settings,
        savedAt: new Date(app.now()).toISOString(),
        savedBy: caller.accountId,
      });
      return viewOf(app, caller, true);
    }),
  };
}
