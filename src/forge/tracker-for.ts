import type { PlanTarget } from '../domain/plan/plan-types';
import type { Tracker } from '../provision/change-tracker';
import { createAsanaTracker } from '../trackers/asana/asana-tracker';
import { createJiraTracker } from '../trackers/jira/jira-tracker';
import type { JiraRequest } from '../trackers/jira/jira-request';
import type { App } from './deps';
import { HandoffError } from './errors';
import type { ProvisionTarget } from './storage/target';
import type { AsanaConnection } from './asana/asana-access';

/**
 * Who acts on which project: the caller (`asUser`) in a resolver, the app (`by: 'app'`) in the
 * queue and the triggers. Jira is always there (the page, the people who sign); Asana only when
 * the project's record goes there.
 */
export type Actor = { projectKey: string; siteUrl: string; jira: JiraRequest; by: string };

/** A project's tracker, and what its plans are built for (the use cases take both). */
export type ProjectTracker = { tracker: Tracker; target: PlanTarget };

/** How the app's own work is signed where it has no account of its own (Jira names its app user so). */
const APP_NAME = 'Handoff (app)';

/** The tracker a project's record is provisioned in, as the actor: its Jira project, or its Asana team. */
export async function trackerFor(app: App, actor: Actor): Promise<ProjectTracker> {
  const project = await trackerIfConnected(app, actor);
  if (project.tracker) return { tracker: project.tracker, target: project.target };
  throw new HandoffError(
    'NOT_CONNECTED',
    `${actor.projectKey} provisions in Asana: connect your Asana account (Connect Asana) to do this as yourself.`,
  );
}

/**
 * The same, or no tracker where the record goes to Asana and the person acting has not connected
 * their Asana account: what may be done without Asana (the gate, reading) goes on without it.
 */
export async function trackerIfConnected(
  app: App,
  actor: Actor,
): Promise<ProjectTracker | { tracker: null; target: PlanTarget }> {
  const target = await app.targets.load(actor.projectKey);
  return { tracker: await trackerAt(app, actor, target), target: target.kind };
}

async function trackerAt(app: App, actor: Actor, target: ProvisionTarget): Promise<Tracker | null> {
  if (target.kind === 'jira')
    return createJiraTracker({ request: actor.jira, projectKey: actor.projectKey, siteUrl: actor.siteUrl });
  const place = { workspace: target.workspace, ...(target.team ? { team: target.team } : {}) };
  if (actor.by === 'app')
    return createAsanaTracker({ ...backgroundAsana(app, actor.projectKey), ...place, signsAs: APP_NAME });
  const user = app.asanaAsUser(actor.by);
  if (!(await user.connected())) return null;
  return createAsanaTracker({ ...user.connection, ...place });
}

/**
 * Asana for background work (the queue, triggers): the app's own grant. Refused, naming the
 * variables to set, when an admin has not set it — before anything is queued that would need it.
 */
export function backgroundAsana(app: App, projectKey: string): AsanaConnection {
  const connection = app.asanaAsApp();
  if (!connection)
    throw new HandoffError(
      'NOT_CONNECTED',
      `${projectKey} provisions in Asana, and background work there needs the app's Asana grant: ` +
        'an admin sets ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and ASANA_REFRESH_TOKEN (README, "Who acts in Asana").',
    );
  return connection;
}
