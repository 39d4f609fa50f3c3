import type { CrmDeal } from '../../domain/intake/crm-deal';
import { mappingFor, type CrmMapping } from '../../domain/intake/mapping';
import { claimant, isClosedWon } from '../../domain/intake/routing';
import type { IntakeStore } from './intake-store';

/** Where a won deal goes: a project (and the site its page is on), or null — unrouted, shown to project admins. */
export type Route = { projectKey: string | null; siteUrl: string | null; mapping: CrmMapping };

/**
 * The project whose mapping claims the deal. A deal none claims is still a won deal when the
 * fallback says so — the installation-wide mapping of earlier versions (it keeps sending deals to
 * the project it names until that project saves its own), else the CRM's defaults — and waits
 * unrouted. Null: not a won deal by any mapping, nothing to do.
 */
export async function routeOf(store: IntakeStore, deal: CrmDeal): Promise<Route | null> {
  const projects = await store.projectMappings();
  const claimed = claimant(deal, projects);
  if (claimed) {
    const siteUrl = projects.find((p) => p.projectKey === claimed.projectKey)?.siteUrl ?? null;
    return { projectKey: claimed.projectKey, siteUrl, mapping: claimed.mapping };
  }
  const fallback = mappingFor(await store.legacyMapping(), deal.crm);
  if (!isClosedWon(deal, fallback)) return null;
  const named = fallback.target?.tracker === 'jira' ? fallback.target.project : null;
  const own = named ? projects.find((p) => p.projectKey === named) : undefined;
  return { projectKey: named && !own ? named : null, siteUrl: null, mapping: fallback };
}
