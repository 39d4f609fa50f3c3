import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs';
import type { FaultProfile } from '../common/faults';
import type { RateLimit } from '../common/rate-limiter';
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
 * latency or limit of their own. A 429 carries only `Retry-After`.
 */
export const asanaFaultProfile: FaultProfile<AsanaEnv, FaultSettings> = {
  emulator: 'local Asana',
  rateLimit: rateLimitOf,
  limitKey: (c) => c.req.header('authorization') ?? '',
  units: (c) => (c.req.method === 'POST' && c.req.path.endsWith('/batch') ? batchSize(c.var.body) : 1),
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

function batchSize(body: unknown): number {
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
  const actions = typeof data === 'object' && data !== null && 'actions' in data ? data.actions : undefined;
  return Array.isArray(actions) ? actions.length : 1;
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
