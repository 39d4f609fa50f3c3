import type { CrmName } from '../../../domain/intake/crm-deal';
import type { DealLinks, DealLinkWriter, Http } from './deal-link';
import { hubspotLinkWriter } from './hubspot-link';
import { salesforceLinkWriter } from './salesforce-link';

/** HubSpot's CRM API host: the manifest's `hubspot-api` remote. */
export const HUBSPOT_API = 'https://api.hubapi.com';

/**
 * The write-back's settings, all Forge environment variables (the secret ones set with
 * `forge variables set --encrypt`, README "Deal write-back"), read when a deal is taken so a new
 * value counts at once:
 *
 *   HANDOFF_HUBSPOT_TOKEN              a private app's access token (scope crm.objects.deals.write)
 *   HANDOFF_HUBSPOT_LINK_PROPERTY      the deal property that holds the link (default handoff_link)
 *   HANDOFF_SALESFORCE_DOMAIN          the org's My Domain, https://<name>.my.salesforce.com
 *   HANDOFF_SALESFORCE_CLIENT_ID       the connected app's consumer key
 *   HANDOFF_SALESFORCE_CLIENT_SECRET   its consumer secret (client credentials flow)
 *   HANDOFF_SALESFORCE_LINK_FIELD      the Opportunity field that holds the link (default Handoff_Link__c)
 */
export function dealLinksFrom(
  env: () => Record<string, string | undefined>,
  http: Http,
  pageUrl: DealLinks['pageUrl'],
  hubspotApi = HUBSPOT_API,
): DealLinks {
  // One writer per set of settings, kept while the function instance is warm: a Salesforce token
  // serves until it expires (then INVALID_SESSION_ID brings a new one), not one sign-in per deal.
  const writers = new Map<string, DealLinkWriter>();
  const kept = (settings: object, make: () => DealLinkWriter) => {
    const key = JSON.stringify(settings);
    const writer = writers.get(key) ?? make();
    writers.set(key, writer);
    return writer;
  };
  return {
    pageUrl,
    writer(crm: CrmName) {
      const vars = env();
      if (crm === 'hubspot') {
        const token = vars.HANDOFF_HUBSPOT_TOKEN;
        if (!token) return 'no HubSpot private app token is set: set HANDOFF_HUBSPOT_TOKEN for the app';
        const property = vars.HANDOFF_HUBSPOT_LINK_PROPERTY || 'handoff_link';
        const settings = { baseUrl: hubspotApi, token, property };
        return kept(settings, () => hubspotLinkWriter(http, settings));
      }
      const { HANDOFF_SALESFORCE_DOMAIN: domain, HANDOFF_SALESFORCE_CLIENT_ID: clientId } = vars;
      const clientSecret = vars.HANDOFF_SALESFORCE_CLIENT_SECRET;
      if (!domain || !clientId || !clientSecret)
        return (
          'no Salesforce connected app is set: set HANDOFF_SALESFORCE_DOMAIN, HANDOFF_SALESFORCE_CLIENT_ID ' +
          'and HANDOFF_SALESFORCE_CLIENT_SECRET for the app'
        );
      const field = vars.HANDOFF_SALESFORCE_LINK_FIELD || 'Handoff_Link__c';
      const settings = { domain, clientId, clientSecret, field };
      return kept(settings, () => salesforceLinkWriter(http, settings));
    },
  };
}
