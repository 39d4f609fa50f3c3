import { z } from 'zod';
import { jiraIssueKey } from '../../domain/record/jira-keys';
import type { ProjectDefaults } from '../../domain/record/project-defaults';
import type { KvsPort } from './kvs-port';

/**
 * A project's settings (the project settings page), kept by the app per project at
 * `settings:<KEY>`: the defaults every record of the project falls back on, and whether the
 * daily check provisions on the kickoff date. A project never set has the defaults below:
 * nothing named, the daily check on (as before the settings existed).
 */
export const projectSettings = z.strictObject({
  kickoffIssue: jiraIssueKey.nullable().default(null),
  kickoffStatus: z.string().trim().min(1, 'name a status, or leave it empty').max(255).nullable().default(null),
  approvalOwner: z.email({ error: 'must be an e-mail address' }).nullable().default(null),
  dailyKickoffCheck: z.boolean().default(true),
});
export type ProjectSettings = z.output<typeof projectSettings> & ProjectDefaults;

const stored = z.object({
  settings: projectSettings,
  savedAt: z.string().nullable().default(null),
  savedBy: z.string().nullable().default(null),
});
export type StoredSettings = z.output<typeof stored>;

export function settingsStore(kvs: KvsPort) {
  const keyOf = (projectKey: string) => `settings:${projectKey}`;
  return {
    /** The project's settings; a value that lost its shape reads as never set, rather than stopping a trigger. */
    async load(projectKey: string): Promise<StoredSettings> {
      const value = stored.safeParse(await kvs.get(keyOf(projectKey)));
      return value.success ? value.data : stored.parse({ settings: {} });
    },
    async save(projectKey: string, value: StoredSettings): Promise<void> {
      await kvs.set(keyOf(projectKey), value);
    },
  };
}
