import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs';
import type { FaultProfile } from '../common/faults';
import type { InFlightLimit, RateLimit } from '../common/rate-limiter';
import { errorBody } from './asana-error';
import type { AsanaEnv } from './context';

/** Asana's standard rate limits, per token and per minute: free domains 150, paid ones 1,500. */
export const RATE_LIMIT_PRESETS = {
  free: { budget: 150, windowMs: 60_000, readCost: 1, writeCost: 1 },
  paid: { budget: 1500, windowMs: 60_000, readCost: 1, writeCost: 1 },
} as const satisfies Record<string, RateLimit>;

/**
 * The misbehaviours the real Asana API shows under load: the common knobs and Asana's own rate
 * limits as a preset (an explicit `rateLimit` wins over it), off by default, and the batch order,
 * which is Asana's (none promised) by default.
 */
export const faultSettings = z.strictObject({
  ...faultKnobs,
  rateLimitPreset: z.enum(['free', 'paid']).nullable().default(null),
  /**
   * The order a batch's actions take effect in. Asana runs them in parallel with "no guarantee
   * of the execution order"; `shuffled` runs them one by one in an order drawn from `seed`, so a
   * client that depends on the listed order shows it. The default, as the service behaves;
   * `listed` is the friendly opt-in.
   */
  batchOrder: z.enum(['listed', 'shuffled']).default('shuffled'),
  /**
   * Asana's concurrent request limits, per token: "Reads (GET) 50, Writes (POST, PUT, PATCH,
   * DELETE) 15" in flight at once, a batch holding one of each kind per action. On by default,
   * as the service behaves; null turns it off. Requests overlap only while the emulator makes
   * them wait (`latencyMs`).
   */
  inFlightLimit: z
    .strictObject({ reads: z.number().int().positive(), writes: z.number().int().positive() })
    .nullable()
    .default({ reads: 50, writes: 15 }),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;

/** The limit in force: the explicit one, else the preset's, else none. */
export function rateLimitOf(settings: FaultSettings): RateLimit | null {
  return settings.rateLimit ?? (settings.rateLimitPreset ? RATE_LIMIT_PRESETS[settings.rateLimitPreset] : null);
}

/**
 * How Asana answers the injected faults. Limits are allocated per token; a batch counts as
 * one request per action (the batch itself costs nothing), and if its actions do not all
 * fit, the whole batch is refused. Its actions run behind the batch, so they pay no
 * latency or limit of their own. A 429 carries only `Retry-After`. Refused requests spend the
 * per-minute quota: Asana says so of its standard limiter's refusals, and its concurrency
 * refusals are taken to spend it too (the docs do not say).
 */
export const asanaFaultProfile: FaultProfile<AsanaEnv, FaultSettings> = {
  emulator: 'local Asana',
  rateLimit: rateLimitOf,
  limitKey: (c) => c.req.header('authorization') ?? '',
  units: (c) => (isBatch(c.req.method, c.req.path) ? batchActions(c.var.body).length : 1),
  refusalsSpend: true,
  inFlight: (c, settings) =>
    settings.inFlightLimit && {
      limit: settings.inFlightLimit,
      load: inFlightLoad(c.req.method, c.req.path, c.var.body),
      // "long enough such that the other in-flight requests are guaranteed to have either
      // completed or timed out": here every request takes `latencyMs`; the real value is unknown.
      retryAfterSeconds: Math.max(1, Math.ceil(settings.latencyMs / 1000)),
    },
  rateLimited: (c, decision) =>
    c.json(
      errorBody(
        429,
        "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
      ),
      429,
      { 'Retry-After': String(decision.retryAfterSeconds) },
    ),
  serverError(status, random) {
    if (status === 502) {
      return new Response(
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        { status, headers: { 'Content-Type': 'text/html' } },
      );
    }
    if (status === 503) return Response.json(errorBody(503, 'Service Unavailable'), { status });
    return Response.json(errorBody(500, 'Server Error', errorPhrase(random)), { status });
  },
  inner: (c) => c.env?.batchAction === true,
};

const isBatch = (method: string, path: string) => method === 'POST' && path.endsWith('/batch');

/** A batch's actions' methods, lower case; a body that is no batch counts as one unnamed action. */
function batchActions(body: unknown): string[] {
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
  const actions = typeof data === 'object' && data !== null && 'actions' in data ? data.actions : undefined;
  if (!Array.isArray(actions) || actions.length === 0) return [''];
  return actions.map((a: unknown) =>
    typeof a === 'object' && a !== null && 'method' in a ? String(a.method).toLowerCase() : '',
  );
}

/** What a request holds in flight: one read or write, or a batch's actions each by its own method. */
function inFlightLoad(method: string, path: string, body: unknown): InFlightLimit {
  const methods = isBatch(method, path) ? batchActions(body) : [method.toLowerCase()];
  const reads = methods.filter((m) => m === 'get' || m === 'head').length;
  return { reads, writes: methods.length - reads };
}

const WORDS = {
  adjective: ['sad', 'brave', 'quiet', 'sleepy', 'shiny', 'fuzzy', 'lucky', 'grumpy'],
  noun: ['squid', 'otters', 'pandas', 'lemurs', 'badgers', 'narwhals', 'yetis', 'ferrets'],
  verb: ['snuggle', 'juggle', 'wander', 'whistle', 'tumble', 'giggle', 'paddle', 'ponder'],
  adverb: ['softly', 'boldly', 'slowly', 'gladly', 'loudly', 'wisely', 'calmly', 'warmly'],
};

/** Asana's 500s carry a phrase support can look up, like `6 sad squid snuggle softly`. */
function errorPhrase(random: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] ?? list[0];
  return [
    String(2 + Math.floor(random() * 20)),
    pick(WORDS.adjective),
    pick(WORDS.noun),
    pick(WORDS.verb),
    pick(WORDS.adverb),
  ].join(' ');
}
