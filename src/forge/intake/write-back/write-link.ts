import { CRM_LABEL, type CrmName } from '../../../domain/intake/crm-deal';
import { RateLimitedUntil } from '../../../provision/rate-limited';
import { withRetry, type RetryPolicy } from '../../../provision/retry';
import { TrackerError } from '../../../provision/tracker-error';
import type { StoredDraft } from '../intake-store';
import type { Route } from '../route';
import { WriteBackRefused, type DealLinks } from './deal-link';

export type WriteBack = NonNullable<StoredDraft['writeBack']>;

/**
 * Writes the link of the project's Handoff page onto the deal, retried with the one retry policy.
 * Answers what the draft shows: written, or why not and which setting fixes it; null for an
 * unrouted draft, which has no project to link to (the inbox says it is claimed by none). A CRM still
 * failing after the retries is thrown as well (`transientError`), so the queue delivers the event
 * again later; the draft already says why the link is missing meanwhile.
 */
export async function writeLink(
  links: DealLinks,
  route: Route,
  deal: { crm: CrmName; dealId: string },
  policy: RetryPolicy,
): Promise<{ writeBack: WriteBack | null; transientError?: unknown }> {
  const label = CRM_LABEL[deal.crm];
  if (route.projectKey === null) return { writeBack: null };
  // Routed by the installation-wide mapping of an earlier version, which knows no site to link to.
  if (route.siteUrl === null)
    return {
      writeBack: { ok: false, reason: `save the intake mapping on ${route.projectKey}'s settings page` },
    };
  const writer = links.writer(deal.crm);
  if (typeof writer === 'string') return { writeBack: { ok: false, reason: writer } };
  const url = links.pageUrl(route.siteUrl, route.projectKey);
  try {
    await withRetry(() => writer(deal.dealId, url), 'idempotent-write', policy);
    return { writeBack: { ok: true, url } };
  } catch (error) {
    if (error instanceof WriteBackRefused) return { writeBack: { ok: false, reason: error.reason } };
    if (error instanceof RateLimitedUntil || (error instanceof TrackerError && (error.transient || error.rateLimited)))
      return {
        writeBack: { ok: false, reason: `${label} did not answer in time (${describe(error)}); it is tried again` },
        transientError: error,
      };
    throw error;
  }
}

function describe(error: RateLimitedUntil | TrackerError): string {
  if (error instanceof RateLimitedUntil) return 'rate limited';
  return error.status === null ? 'no answer' : `HTTP ${error.status}`;
}
