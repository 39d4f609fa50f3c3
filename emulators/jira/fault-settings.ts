import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs';

/**
 * The misbehaviours a real Jira Cloud site shows under load, all off by default: the
 * common knobs (latency, points-based rate limit, errors, drops, after-commit, seed) and
 * Jira's own search lag.
 */
export const faultSettings = z.strictObject({
  ...faultKnobs,
  /**
   * Search is eventually consistent on Jira Cloud: an issue created less than this long ago
   * is not yet found by JQL, unless its id is in the request's `reconcileIssues`.
   */
  searchLagMs: z.number().int().min(0).default(0),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;
