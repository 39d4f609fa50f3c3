import { z } from 'zod';

/**
 * The misbehaviours a real Jira Cloud site shows under load, all off by default. They are
 * set when the emulator starts and may be changed while it runs (`POST /__emulator/faults`).
 */
export const rateLimitSettings = z.strictObject({
  /** Points a client may spend per window; every request costs `readCost` or `writeCost`. */
  budget: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  readCost: z.number().int().positive().default(1),
  /** Writes cost more, as in Jira's points-based limits. */
  writeCost: z.number().int().positive().default(1),
});

export const faultSettings = z.strictObject({
  /** Added before every Jira API request is handled. */
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
  /**
   * Search is eventually consistent on Jira Cloud: an issue created less than this long ago
   * is not yet found by JQL, unless its id is in the request's `reconcileIssues`.
   */
  searchLagMs: z.number().int().min(0).default(0),
  /** Seed of the generator that decides which requests fail. */
  seed: z.number().int().default(1),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;
