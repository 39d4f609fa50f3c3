import type { CrmName } from '../domain/intake/crm-deal';
import type { ForgeDeps } from '../forge/deps';
import { createIntakeConsumer } from '../forge/intake/intake-consumer';
import type { DealLinks } from '../forge/intake/write-back/deal-link';
import { dealLinksFrom } from '../forge/intake/write-back/links-from-env';
import { SALESFORCE_API_VERSION } from '../forge/intake/write-back/salesforce-link';
import { startHubspot, type LocalHubspot } from '../../emulators/hubspot/index';
import { startSalesforce, type LocalSalesforce } from '../../emulators/salesforce/index';
import { createIntakeTrigger, INTAKE_QUEUE } from '../forge/intake/webtrigger';
import { servedAsWebTrigger } from './web-trigger-route';
import { listen, type Listening } from '../../emulators/common/serve';
import { createLocalQueue, type LocalQueue } from './local-queue';
import { listening } from './ports';

export type LocalIntakeOptions = {
  port: number;
  deps: ForgeDeps;
  /** HANDOFF_HUBSPOT_SECRET and HANDOFF_SALESFORCE_SECRET: without one, that CRM's endpoint answers 503. */
  secrets: Partial<Record<CrmName, string>>;
  /** The Handoff page the link written back to a deal points at: here, the local panel. */
  pageUrl: DealLinks['pageUrl'];
};
export type LocalIntake = Listening & { queue: LocalQueue; hubspot: LocalHubspot; salesforce: LocalSalesforce };

/** The stand-ins' credentials, as an admin would set them for the app (README "Deal write-back"). */
const LOCAL_CRM_ENV = {
  HANDOFF_HUBSPOT_TOKEN: 'pat-local-handoff',
  HANDOFF_SALESFORCE_CLIENT_ID: 'local-handoff-connected-app',
  HANDOFF_SALESFORCE_CLIENT_SECRET: 'local-handoff-consumer-secret',
};

/**
 * The CRM intake's web triggers on their own port, as Forge would serve them: POST
 * `/intake/hubspot` and `/intake/salesforce`, the request handed over in Forge's web trigger
 * shape (headers as lists, body as text), the answer sent back as the handler gives it, and the
 * `intake` queue in process. A HubSpot request is verified against this server's own URL, which is
 * what a CRM (or a tunnel to it) signs. The consumer writes each draft's link back to a local
 * HubSpot and a local Salesforce (emulators/hubspot, emulators/salesforce), where a GET of the deal
 * shows it.
 */
export async function startLocalIntake(options: LocalIntakeOptions): Promise<LocalIntake> {
  const hubspot = await startHubspot({ token: LOCAL_CRM_ENV.HANDOFF_HUBSPOT_TOKEN });
  const salesforce = await startSalesforce({
    clientId: LOCAL_CRM_ENV.HANDOFF_SALESFORCE_CLIENT_ID,
    clientSecret: LOCAL_CRM_ENV.HANDOFF_SALESFORCE_CLIENT_SECRET,
  });
  const env = { ...LOCAL_CRM_ENV, HANDOFF_SALESFORCE_DOMAIN: salesforce.url };
  const links = dealLinksFrom(() => env, fetch, options.pageUrl, hubspot.url);
  options.deps.log(
    `[intake] links are written back to the local HubSpot ${hubspot.url}/crm/v3/objects/deals/<id> ` +
      `and the local Salesforce ${salesforce.url}/services/data/${SALESFORCE_API_VERSION}/sobjects/Opportunity/<id>`,
  );
  const consumer = createIntakeConsumer(options.deps, links);
  const queue = createLocalQueue((event) => consumer(event), INTAKE_QUEUE);
  let origin = '';
  const intakeDeps = {
    kvs: options.deps.kvs,
    queue,
    now: options.deps.now,
    log: options.deps.log,
    secret: (crm: CrmName) => options.secrets[crm],
    publicUrl: async (crm: CrmName) => `${origin}/intake/${crm}`,
  };
  const triggers: Record<CrmName, (request: Request) => Promise<Response>> = {
    hubspot: servedAsWebTrigger(createIntakeTrigger(intakeDeps, 'hubspot')),
    salesforce: servedAsWebTrigger(createIntakeTrigger(intakeDeps, 'salesforce')),
  };
  const server = await listening('CRM intake', options.port, '--intake-port', () =>
    listen(
      async (request) => {
        const crm = /^\/intake\/(hubspot|salesforce)\/?$/.exec(new URL(request.url).pathname)?.[1];
        if (crm !== 'hubspot' && crm !== 'salesforce')
          return Response.json(
            { ok: false, message: 'The intake is at /intake/hubspot and /intake/salesforce.' },
            { status: 404 },
          );
        return triggers[crm](request);
      },
      '127.0.0.1',
      options.port,
    ),
  );
  origin = server.origin;
  return {
    ...server,
    queue,
    hubspot,
    salesforce,
    async close() {
      queue.close();
      await queue.idle();
      await Promise.all([server.close(), hubspot.close(), salesforce.close()]);
    },
  };
}
