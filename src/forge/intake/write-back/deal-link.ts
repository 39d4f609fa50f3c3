import type { CrmName } from '../../../domain/intake/crm-deal';
import { TrackerError } from '../../../provision/tracker-error';

/**
 * Writing the handoff's link onto the deal it came from (issue 20, point 4). Each CRM's writer
 * PATCHes one field of one deal to one value, so sending it twice is harmless: the write-back is
 * retried with the one retry policy and runs at least once.
 */
export type DealLinkWriter = (dealId: string, url: string) => Promise<void>;

export type DealLinks = {
  /** The Handoff page of a project, on the site the project's mapping was saved on: what the deal links to. */
  pageUrl(siteUrl: string, projectKey: string): string;
  /** The CRM's writer, or the sentence naming the setting that is missing for one. */
  writer(crm: CrmName): DealLinkWriter | string;
};

/**
 * The CRM said no in a way another try will not change (a missing field, a refused token): the
 * sentence names the setting to fix and is shown on the draft.
 */
export class WriteBackRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WriteBackRefused';
  }
}

/** What `fetch` answers that the writers read. */
export type HttpAnswer = { status: number; headers: { get(name: string): string | null }; text(): Promise<string> };
export type Http = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<HttpAnswer>;

/** A 429 or 5xx as the retry policy reads it; `resetSeconds`: the wait the CRM implies without a Retry-After. */
export function retryable(crm: string, operation: string, answer: HttpAnswer, detail: string, resetSeconds?: number) {
  const retryAfter = Number(answer.headers.get('retry-after'));
  return new TrackerError({
    tracker: crm,
    operation,
    status: answer.status,
    detail,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    resetAfterSeconds: resetSeconds ?? null,
  });
}

/** A network failure: no answer at all, which the policy retries as a transient one. */
export function unreachable(crm: string, operation: string, error: unknown): TrackerError {
  const detail = error instanceof Error ? error.message : 'no answer';
  return new TrackerError({ tracker: crm, operation, status: null, detail, cause: error });
}
