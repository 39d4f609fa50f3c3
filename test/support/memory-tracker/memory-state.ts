import type { RichText } from '../../../src/domain/rich-text';
import type { Account, ChangeState } from '../../../src/provision/change-types';
import type { HandoffProperty } from '../../../src/provision/tracker';
import type { RunClaim } from '../../../src/provision/run-claims';
import { TrackerError } from '../../../src/provision/tracker-error';

/** An item as the in-memory tracker holds it. */
export type MemoryItem = {
  key: string;
  summary: string;
  assignee: string | null;
  due: string | null;
  parentKey: string | null;
  labels: string[];
  property: HandoffProperty;
  /** Keys this item blocks. */
  blocks: Set<string>;
  done: boolean;
  comments: RichText[];
  related: Set<string>;
  /** When it was made (the tracker's clock): the search shows it `searchLagMs` later. */
  createdAt: number;
};

export type MemoryChangeRequest = {
  key: string;
  summary: string;
  description: RichText;
  assignee: string;
  state: ChangeState;
  payload: string[];
  created: string;
  approved: { by: Account; at: string } | null;
  comments: RichText[];
  related: Set<string>;
};

/** Faults a test can switch on: each request draws once from the seeded random source. */
export type MemoryFaults = {
  /** Share of requests answered 429 with Retry-After. */
  rateLimitRate?: number;
  /** Share of requests answered 503 before doing anything. */
  errorRate?: number;
  /** Share of create requests that do their work and then lose the response (ambiguous). */
  lostResponseRate?: number;
  /** How long a created item stays out of search results unless reconciled, as Jira's index lags. */
  searchLagMs?: number;
};

/** Everything one in-memory tracker holds, shared by every view of it (one per acting person). */
export type MemoryState = {
  items: Map<string, MemoryItem>;
  changes: Map<string, MemoryChangeRequest>;
  /** Record id → the run claim on it. */
  claims: Map<string, RunClaim>;
  /** E-mail → account id of the people who have accounts. */
  people: Map<string, string>;
  faults: MemoryFaults;
  injected: { rateLimited: number; errors: number; lostResponses: number };
  requests: number;
  nextKey: number;
  random: () => number;
  now: () => string;
};

/** Counts one request and, when a fault is switched on, answers it as the fault would. */
export function countRequest(
  state: MemoryState,
  operation: string,
  kind: 'read' | 'create' | 'write',
): { loseResponse: boolean } {
  state.requests += 1;
  if (state.random() < (state.faults.rateLimitRate ?? 0)) {
    state.injected.rateLimited += 1;
    throw new TrackerError({ tracker: 'memory', operation, status: 429, detail: 'rate limited', retryAfterSeconds: 1 });
  }
  if (state.random() < (state.faults.errorRate ?? 0)) {
    state.injected.errors += 1;
    throw new TrackerError({ tracker: 'memory', operation, status: 503, detail: 'service unavailable' });
  }
  const loseResponse = kind === 'create' && state.random() < (state.faults.lostResponseRate ?? 0);
  if (loseResponse) state.injected.lostResponses += 1;
  return { loseResponse };
}

export function newKey(state: MemoryState): string {
  const key = `MEM-${state.nextKey}`;
  state.nextKey += 1;
  return key;
}

export function notFound(operation: string, key: string): TrackerError {
  return new TrackerError({ tracker: 'memory', operation, status: 404, detail: `no item ${key}` });
}
