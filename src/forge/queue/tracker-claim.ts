import type { ProvisioningTracker } from '../../provision/tracker';
import { ClaimLost, ClaimRefused, ClaimTooSlow, claimedRun } from '../../usecases/run-claim';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import { TrackerError } from '../../provision/tracker-error';
import { RateLimitedUntil } from '../../provision/rate-limited';

const FORGE = 'the Forge app';

/**
 * The tracker claim of a Forge run, beside its KVS lock: the KVS lock keeps out other runs of
 * the app, the claim keeps out CLI runs (which cannot see Forge storage) and is seen by them.
 * The nonce is the run id, so each slice of one run finds the claim its own.
 */
export function forgeRun<T extends ProvisioningTracker>(app: App, tracker: T, runId: string) {
  return claimedRun(tracker, {
    holder: FORGE,
    machine: FORGE,
    nonce: runId,
    now: app.now,
    sleep: app.policy.sleep,
    policy: app.policy,
  });
}

/** Takes the claim on `recordId`; returns its release. Without permission to keep one, says so in the log. */
export async function takeClaim(
  app: App,
  run: ReturnType<typeof forgeRun>,
  recordId: string,
): Promise<() => Promise<void>> {
  const { release, unguarded } = await busyOnClaim(() => run.take(recordId));
  if (unguarded) app.log(`[forge] ${recordId} is guarded by the app's own lock only: ${unguarded}`);
  // A claim Jira would not let go of (it went down) lapses on its own; the run's outcome stands.
  return () =>
    release().catch((error: unknown) => {
      if (!(error instanceof TrackerError || error instanceof RateLimitedUntil)) throw error;
      app.log(`[forge] the claim on ${recordId} could not be removed, and lapses on its own: ${error.message}`);
    });
}

/**
 * BUSY because of the tracker claim. `retryAt`: the claim could not be confirmed in time (its
 * write was answered too late), so trying again once that attempt lapses is sound — a queued
 * slice is delivered again then instead of ending the run; null: another run holds the record.
 */
export class ClaimBusy extends HandoffError {
  constructor(
    message: string,
    readonly retryAt: number | null,
  ) {
    super('BUSY', message);
  }
}

/** A CLI run holds the record, or took it over: BUSY with its sentence, as for the app's own lock. */
export async function busyOnClaim<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClaimTooSlow) throw new ClaimBusy(error.message, error.expires);
    if (error instanceof ClaimRefused || error instanceof ClaimLost) throw new ClaimBusy(error.message, null);
    throw error;
  }
}
