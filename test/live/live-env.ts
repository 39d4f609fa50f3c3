import { z } from 'zod';

/**
 * What the live suite needs to reach a real tracker, read from the environment. Jira asks for
 * its own project variable, not the CLI's JIRA_PROJECT_KEY: the suite creates (and then
 * deletes) a few hundred issues, so it runs only in a project someone named as throw-away.
 */
const jiraLive = z.object({
  JIRA_BASE_URL: z.url(),
  JIRA_EMAIL: z.string().min(1),
  JIRA_API_TOKEN: z.string().min(1),
  HANDOFF_LIVE_JIRA_PROJECT: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as HOLIVE'),
});

/** Asana: the suite makes one project per record in the workspace and deletes each at the end. */
const asanaLive = z.object({
  ASANA_TOKEN: z.string().min(1),
  ASANA_WORKSPACE: z.string().regex(/^\d+$/, 'a workspace gid'),
  /** The team the run's projects go to: needed when the workspace is an organization. */
  ASANA_TEAM: z.string().regex(/^\d+$/, 'a team gid').optional(),
  ASANA_TOKEN_KIND: z.enum(['pat', 'oauth']).default('pat'),
  ASANA_BASE_URL: z.url().default('https://app.asana.com/api/1.0'),
});

export type JiraLive = z.infer<typeof jiraLive>;
export type AsanaLive = z.infer<typeof asanaLive>;

/** Either the settings, or the line that says the tracker was skipped and what to set. */
export type LiveSettings<T> = { ready: true; settings: T } | { ready: false; skipped: string };

function read<S extends z.ZodType>(tracker: string, schema: S, env: NodeJS.ProcessEnv): LiveSettings<z.output<S>> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ready: true, settings: parsed.data };
  const missing = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return env[name] === undefined ? name : `${name} (${issue.message})`;
  });
  return { ready: false, skipped: `live ${tracker}: skipped — set ${missing.join(', ')}` };
}

export const jiraLiveSettings = (env: NodeJS.ProcessEnv = process.env) => read('Jira', jiraLive, env);
export const asanaLiveSettings = (env: NodeJS.ProcessEnv = process.env) => read('Asana', asanaLive, env);

/** Record ids unique to this run, so a run never meets what an earlier, interrupted one left behind. */
export const RUN_ID = `${Date.now().toString(36)}`;
