/**
 * Sets exactly these environment variables for the CLI run in-process: the ones given, and
 * none of the others (so a variable from the developer's shell cannot leak into a test).
 */
export function envSetter<K extends string>(keys: readonly K[]) {
  return (values: Partial<Record<K, string>>) => {
    for (const key of keys) {
      const value = values[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/**
 * Every variable the CLI reads to reach a tracker (src/cli/targets) and to seal change requests
 * (src/cli/approval-key.ts), for tests that set exactly those.
 */
export const TRACKER_ENV_KEYS = [
  'JIRA_BASE_URL',
  'JIRA_API_BASE_URL',
  'JIRA_EMAIL',
  'JIRA_API_TOKEN',
  'JIRA_PROJECT_KEY',
  'HANDOFF_LOCAL_JIRA_DATA',
  'ASANA_BASE_URL',
  'ASANA_TOKEN',
  'ASANA_WORKSPACE',
  'ASANA_TEAM',
  'ASANA_TOKEN_KIND',
  'ASANA_CLIENT_ID',
  'ASANA_CLIENT_SECRET',
  'ASANA_REFRESH_TOKEN',
  'HANDOFF_LOCAL_ASANA_DATA',
  'HANDOFF_APPROVAL_KEY',
] as const;

/** The key change control seals with (HANDOFF_APPROVAL_KEY), for tests that propose, decide or apply. */
export const TEST_APPROVAL_KEY = 'a1'.repeat(32);

export type TrackerEnv = Partial<Record<(typeof TRACKER_ENV_KEYS)[number], string>>;
