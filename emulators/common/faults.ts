import type { Context, Env, MiddlewareHandler } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { z } from 'zod';
import type { Clock } from './clock';
import type { FaultKnobs } from './fault-knobs';
import { seededRandom } from './random';
import { inFlightLimiter, rateLimiter, type InFlightLimit, type RateDecision, type RateLimit } from './rate-limiter';

export type FaultController<S, I> = {
  readonly settings: S;
  /** Changes some knobs, keeping the others; giving `seed` (even the same one) restarts the generator. */
  update(change: Partial<I>): S;
};

/** Raised in-process (no socket to destroy) where a real client would see "fetch failed". */
export class DroppedConnection extends TypeError {
  constructor(emulator: string) {
    super(`fetch failed: the ${emulator} dropped the connection (dropRate)`);
  }
}

type NodeEnv = Env & { Bindings: Partial<HttpBindings> };

/** How one emulator's API answers the faults: its bodies, its limits, its batches. */
export type FaultProfile<E extends NodeEnv, S> = {
  /** `local Jira`: named in the error a dropped in-process request raises. */
  emulator: string;
  /** The limit in force, if any (Asana derives it from a preset too). */
  rateLimit(settings: S): RateLimit | null;
  /** Whose budget a request spends (default: one budget for everybody). */
  limitKey?(c: Context<E>): string;
  /** How many requests it counts as (a batch counts its actions). */
  units?(c: Context<E>): number;
  /** Whether a request the API refused still spends its budget (Asana's do; Jira's do not). */
  refusalsSpend?: boolean;
  /**
   * The requests of each kind one `limitKey` may have in flight, and what this one holds of
   * them from its arrival to its answer (Asana: 50 reads, 15 writes, a batch holding one per
   * action), with the `Retry-After` of a refusal; null when the API sets no such limit.
   */
  inFlight?(
    c: Context<E>,
    settings: S,
  ): { limit: InFlightLimit; load: InFlightLimit; retryAfterSeconds: number } | null;
  /** Headers every limited request carries (Jira's `X-RateLimit-*`), refused or not. */
  rateHeaders?(decision: RateDecision): Record<string, string>;
  /**
   * The API's own limits beyond the plain budget (Jira: burst, per-issue writes, app quota),
   * asked after it; a refusal is answered like the budget's. `random` is the fault generator.
   */
  limits?(c: Context<E>, settings: S): RateDecision | undefined;
  /** The 429 itself; the headers above are already set. `random` decides what a flaky API leaves out. */
  rateLimited(c: Context<E>, decision: RateDecision, settings: S, random: () => number): Response;
  serverError(status: 500 | 502 | 503, random: () => number): Response;
  /**
   * An action of a batch already let through: it pays no latency or rate limit of its own
   * (the batch did), and having no connection to drop, a drop becomes a server error.
   */
  inner?(c: Context<E>): boolean;
  /** Called with the knobs of the moment before anything else (Jira's search lag reads them). */
  attach?(c: Context<E>, settings: S): void;
};

/** The fault knobs and the middleware that applies them to every API request. */
export function createFaults<E extends NodeEnv, S extends FaultKnobs, I>(
  schema: z.ZodType<S, I>,
  initial: I,
  profile: FaultProfile<E, S>,
  clock: Clock,
) {
  let settings = schema.parse(initial);
  let random = seededRandom(settings.seed);
  const limiter = rateLimiter(() => profile.rateLimit(settings), clock, profile.refusalsSpend);
  const inFlight = inFlightLimiter(clock);

  const middleware: MiddlewareHandler<E> = async (c, next) => {
    profile.attach?.(c, settings);
    if (profile.inner?.(c)) return faulted(c, next, true);
    const key = profile.limitKey?.(c) ?? '';
    // In flight from its arrival, so the latency below is time it holds its place.
    const limits = profile.inFlight?.(c, settings);
    const held = limits ? inFlight.enter(key, limits.load, limits.limit, limits.retryAfterSeconds) : undefined;
    try {
      if (settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.latencyMs));
      // Charged before a concurrency refusal is answered: where refusals spend, it spends too.
      const decision = limiter.take(key, c.req.method, profile.units?.(c) ?? 1);
      for (const [name, value] of Object.entries(decision ? (profile.rateHeaders?.(decision) ?? {}) : {}))
        c.header(name, value);
      if (decision?.refused) return profile.rateLimited(c, decision, settings, random);
      if (held?.decision.refused) return profile.rateLimited(c, held.decision, settings, random);
      const own = profile.limits?.(c, settings);
      if (own?.refused) return profile.rateLimited(c, own, settings, random);
      return await faulted(c, next, false);
    } finally {
      held?.leave();
    }
  };

  /** The injected 5xx or drop, if the generator picks this request; else the request itself. */
  async function faulted(c: Context<E>, next: () => Promise<void>, inner: boolean) {
    const roll = random();
    const rolled =
      roll < settings.dropRate ? 'drop' : roll < settings.dropRate + settings.errorRate ? 'error' : undefined;
    if (!rolled) return next();
    const fault = inner ? 'error' : rolled;
    const status = ([500, 502, 503] as const)[Math.floor(random() * 3)] ?? 500;
    if (settings.afterCommit) await next();
    const failure = fault === 'drop' ? dropConnection(c, profile.emulator) : profile.serverError(status, random);
    // After `next()` the response is already set: it must be replaced, not returned.
    if (settings.afterCommit) c.res = failure;
    return failure;
  }

  const controller: FaultController<S, I> = {
    get settings() {
      return settings;
    },
    update(change) {
      const next = schema.parse({ ...settings, ...change });
      if (change !== null && typeof change === 'object' && 'seed' in change && change.seed !== undefined)
        random = seededRandom(next.seed); // same seed again: replay from the start
      settings = next;
      return settings;
    },
  };
  return { controller, middleware };
}

function dropConnection<E extends NodeEnv>(c: Context<E>, emulator: string): Response {
  const socket = c.env?.incoming?.socket;
  if (!socket) throw new DroppedConnection(emulator);
  socket.destroy();
  return new Response(null, { status: 500 });
}
