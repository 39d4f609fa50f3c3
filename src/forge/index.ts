import { randomUUID } from 'node:crypto';
import { asApp, asUser, fetch, getAppContext, route, webTrigger } from '@forge/api';
import { Queue } from '@forge/events';
import { kvs } from '@forge/kvs';
import { defaultRetryPolicy } from '../provision/retry';
import { waitSentence } from '../provision/wait-notice';
import { createConsumer } from './queue/consumer';
import { DEFAULT_LIMITS, type ForgeDeps } from './deps';
import { jiraRequestVia } from './jira/forge-jira';
import { forgeAsanaApp, forgeAsanaUser } from './asana/forge-asana';
import { createKickoffTrigger } from './triggers/kickoff-trigger';
import type { KvsPort } from './storage/kvs-port';
import { createResolvers } from './resolvers/resolvers';
import { PROVISION_QUEUE } from './queue/run-slice';
import { createScheduledTrigger } from './triggers/scheduled-trigger';
import { createAutomationActions } from './automation/actions';
import { handoffPageUrl } from './automation/page-url';
import { createRovoActions } from './rovo/actions';
import { createIntakeTrigger, INTAKE_QUEUE, type IntakeDeps } from './intake/webtrigger';
import { createIntakeConsumer } from './intake/intake-consumer';
import { createAsanaWebhookTrigger } from './asana/asana-webhook-trigger';
import { dealLinksFrom } from './intake/write-back/links-from-env';

/**
 * The Forge entry points (manifest.yml: `handler: forge/index.<name>`), wired to the real
 * platform. Everything else in this folder takes these as parameters, so tests run the same
 * handlers against the local Jira and an in-memory KVS without mocking a module.
 */
const store: KvsPort = kvs;

const deps: ForgeDeps = {
  // asUser() outside a user's invocation throws: only resolvers call this.
  jiraAsUser: () => jiraRequestVia((url, init) => asUser().requestJira(url, init), route),
  jiraAsApp: () => jiraRequestVia((url, init) => asApp().requestJira(url, init), route),
  asanaAsUser: () => forgeAsanaUser(asUser().withProvider('asana', 'asana-api')),
  asanaAsApp: () => forgeAsanaApp(process.env),
  asanaWebhookUrl: () => webTrigger.getUrl('asana-webhook-trigger'),
  kvs: store,
  queue: new Queue({ key: PROVISION_QUEUE }),
  today: () => new Date().toISOString().slice(0, 10),
  now: () => Date.now(),
  newId: () => randomUUID(),
  // Jira is reached through requestJira, which carries no secret; Asana's background grant, the CRMs'
  // signing secrets and the write-back's credentials are.
  secrets: [
    'ASANA_CLIENT_SECRET',
    'ASANA_REFRESH_TOKEN',
    'HANDOFF_HUBSPOT_SECRET',
    'HANDOFF_SALESFORCE_SECRET',
    'HANDOFF_HUBSPOT_TOKEN',
    'HANDOFF_SALESFORCE_CLIENT_SECRET',
  ].flatMap((name) => process.env[name] ?? []),
  log: (line) => console.error(line),
  // Every wait on Jira goes to the app's log, so a slow run there says why it is slow.
  policy: { ...defaultRetryPolicy, onWait: (notice) => console.error(waitSentence(notice)) },
  limits: DEFAULT_LIMITS,
};

export const resolver = createResolvers(deps);
export const kickoff = createKickoffTrigger(deps);
export const scheduled = createScheduledTrigger(deps);
export const consumer = createConsumer(deps);
/** Asana's webhooks on change-request tasks (watch-change-request.ts): an approval made in Asana applies at once. */
export const asanaWebhook = createAsanaWebhookTrigger(deps);

/** The project's Handoff page, from the app's own id and environment: where rules and the agent send people. */
const pageUrl = (siteUrl: string, projectKey: string) => {
  const { appAri, environmentAri } = getAppContext();
  return handoffPageUrl(siteUrl, projectKey, { appId: appAri.appId, environmentId: environmentAri.environmentId });
};

// The Jira Automation steps (manifest `action` modules an `automation:actionProvider` names).
const automation = createAutomationActions(deps, pageUrl);
export const automationReadiness = automation.checkReadiness;
export const automationProvision = automation.provisionHandoff;

// The Rovo agent's actions (manifest `action` modules its `rovo:agent` lists).
const rovo = createRovoActions(deps, pageUrl);
export const rovoPromises = rovo.promises;
export const rovoReadiness = rovo.readiness;
export const rovoChanges = rovo.changes;
export const rovoProvision = rovo.provision;
/**
 * CRM intake: the shared secrets are the app's encrypted environment variables
 * (`forge variables set --encrypt HANDOFF_HUBSPOT_SECRET …`), read per request so a new one counts at once.
 */
const intake: IntakeDeps = {
  kvs: store,
  queue: new Queue({ key: INTAKE_QUEUE }),
  now: () => Date.now(),
  log: (line) => console.error(line),
  secret: (crm) => process.env[crm === 'hubspot' ? 'HANDOFF_HUBSPOT_SECRET' : 'HANDOFF_SALESFORCE_SECRET'],
  publicUrl: (crm) => webTrigger.getUrl(`intake-${crm}-trigger`),
};
export const intakeHubspot = createIntakeTrigger(intake, 'hubspot');
export const intakeSalesforce = createIntakeTrigger(intake, 'salesforce');
// The deal write-back: through Forge's fetch, to the hosts the manifest's egress names.
export const intakeConsumer = createIntakeConsumer(
  deps,
  dealLinksFrom(() => process.env, fetch, pageUrl),
);
