import { z } from 'zod';
import { rateLimitSettings } from './rate-limiter';

/**
 * The misbehaviours every cloud API shows under load, all off by default. Each emulator
 * spreads these into its own settings object (adding its own knobs); they are set when it
 * starts and may be changed while it runs (`POST /__emulator/faults`).
 */
export const faultKnobs = {
  /** Added before every API request is handled. */
  latencyMs: z.number().int().min(0).default(0),
  /** When set, requests past the budget get 429 with `Retry-After` until the window ends. */
  rateLimit: rateLimitSettings.nullable().default(null),
  /** Share of requests answered 500, 502 or 503. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of requests whose connection is destroyed without any response. */
  dropRate: z.number().min(0).max(1).default(0),
  /**
   * When true, an injected 5xx or drop happens after the request took effect: the write is
   * done but the client never learns it, as when a gateway times out. Idempotency tests need it.
   */
  afterCommit: z.boolean().default(false),
  /** Seed of the generator that decides which requests fail. */
  seed: z.number().int().default(1),
};

/** The settings every emulator's fault middleware reads. */
export type FaultKnobs = {
  latencyMs: number;
  errorRate: number;
  dropRate: number;
  afterCommit: boolean;
  seed: number;
};
