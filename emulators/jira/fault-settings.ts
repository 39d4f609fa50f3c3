import { z } from 'zod';
import { faultKnobs } from '../common/fault-knobs';

/** How far the local Jira's search trails its writes unless told otherwise. */
export const DEFAULT_SEARCH_LAG_MS = 2_000;

/**
 * The misbehaviours a real Jira Cloud site shows: the common knobs (latency, rate limit,
 * errors, drops, after-commit, seed), off by default, and Jira's own search lag, on by
 * default because every Jira Cloud site has it.
 */
export const faultSettings = z.strictObject({
  ...faultKnobs,
  /**
   * Search is eventually consistent on Jira Cloud ("the delay might vary from a few seconds to
   * minutes", developer.atlassian.com/cloud/jira/platform/search-and-reconcile): an issue
   * created less than this long ago is not yet found by JQL, unless its id is in the request's
   * `reconcileIssues`. 2 s by default; 0 is the friendly, unrealistic site.
   */
  searchLagMs: z.number().int().min(0).default(DEFAULT_SEARCH_LAG_MS),
});

export type FaultSettings = z.infer<typeof faultSettings>;
export type FaultSettingsInput = z.input<typeof faultSettings>;
