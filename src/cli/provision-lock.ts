import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultRetryPolicy } from '../provision/retry';
import type { ProvisioningTracker } from '../provision/tracker';
import type { RunClaim } from '../provision/run-claims';
import { CLAIM_TTL_MS, ClaimLost, ClaimRefused, ClaimTooSlow, claimedRun } from '../usecases/run-claim';
import { TrackerError } from '../provision/tracker-error';
import { RateLimitedUntil } from '../provision/rate-limited';
import { CliExit, EXIT } from './exit-codes';
import type { CliIo } from './io';

/**
 * Two provisionings of one record into one place at the same time would each search, find
 * nothing and create everything: one proceeds, the other is told so. The lock is a file made
 * with O_EXCL holding the holder's pid; a lock whose process is gone (a run killed with
 * SIGKILL) is taken over at once. Stale-by-age libraries (proper-lockfile) would make the
 * next run wait out the timeout instead. This covers processes on one machine, for provision,
 * change apply and transfer alike; `recordRun` adds the claim on the tracker, which covers
 * other machines and the Forge app.
 */
export async function lockProvisioning(
  recordId: string,
  where: string,
  root = resolve('.handoff'),
): Promise<() => Promise<void>> {
  const dir = join(root, 'locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${`${recordId}@${where}`.replace(/[^A-Za-z0-9._@-]+/g, '_')}.lock`);
  if (!(await take(file)) && !(await takeOverIfDead(file))) {
    throw new CliExit(
      EXIT.invalid,
      `another provisioning, change apply or transfer of ${recordId} into ${where} is running on this machine ` +
        `(pid ${await holder(file)}); nothing was done — wait for it to finish, then run again`,
    );
  }
  return () => unlink(file).catch(() => undefined);
}

async function take(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

async function holder(file: string): Promise<number | null> {
  const pid = Number(await readFile(file, 'utf8').catch(() => ''));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Takers race on O_EXCL after removing a dead holder's file. Two processes that both saw the
 * same dead holder at the same instant could, in theory, both pass; that needs a crash and
 * two simultaneous restarts on one machine, and the engine's search-before-create still holds.
 */
async function takeOverIfDead(file: string): Promise<boolean> {
  const pid = await holder(file);
  if (pid !== null && isAlive(pid)) return false;
  await unlink(file).catch(() => undefined);
  return take(file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * A claim a run on this machine left behind (killed, or stopped by a rate limit): its process is
 * gone, or it is this very process — which holds the record's lock file now, so its earlier run
 * has ended (tests run many commands in one process).
 */
function isDeadHere(claim: RunClaim): boolean {
  const match = /^(.*) \(pid (\d+)\)$/.exec(claim.machine);
  if (match === null || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  return pid === process.pid || !isAlive(pid);
}

/** W, the claim's settle time; HANDOFF_CLAIM_SETTLE_MS shortens it for tests against the local trackers. */
function settleMs(): number | undefined {
  const ms = Number(process.env.HANDOFF_CLAIM_SETTLE_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/**
 * One CLI run of a record — provision, change apply or transfer — held two ways: the lock file
 * above (runs on this machine) and the claim on the tracker (runs anywhere, the Forge app too).
 * The use case gets `tracker`, whose writes stop if another run takes the claim over.
 */
export function recordRun<T extends ProvisioningTracker>(tracker: T, where: string, io: CliIo) {
  const run = claimedRun(tracker, {
    holder: userInfo().username,
    machine: `${hostname()} (pid ${process.pid})`,
    abandoned: isDeadHere,
    nonce: randomUUID(),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    settleMs: settleMs(),
    policy: defaultRetryPolicy,
  });

  /** Both locks on `recordId`; returns their release. The machine's lock comes first: it costs no request. */
  async function lock(recordId: string): Promise<() => Promise<void>> {
    const unlock = await lockProvisioning(recordId, where);
    try {
      const { release, unguarded } = await run.take(recordId);
      if (unguarded)
        io.err(
          `handoff: warning: runs of ${recordId} on other machines are not kept out: ${unguarded} ` +
            '(README, "One run at a time", says what the run claim needs)',
        );
      return async () => {
        try {
          await release();
        } catch (error) {
          // The run's own outcome (a partial report, a rate-limit stop) is what the user needs;
          // a claim left behind lapses on its own, and this machine's next run takes it over.
          if (!(error instanceof TrackerError || error instanceof RateLimitedUntil)) throw error;
          io.err(
            `handoff: warning: this run's claim on ${recordId} could not be removed (${error.message}); ` +
              `it lapses within ${CLAIM_TTL_MS / 60_000} minutes`,
          );
        } finally {
          await unlock();
        }
      };
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  return {
    tracker: run.tracker,
    lock,
    /** Runs `work` holding `recordId`; a refused or lost claim is the sentence and exit code of a refused lock. */
    async hold<R>(recordId: string, work: () => Promise<R>): Promise<R> {
      return claimExits(async () => {
        const release = await lock(recordId);
        try {
          return await work();
        } finally {
          await release();
        }
      });
    },
    claimExits,
  };
}

/** Another run holds the record, took it over, or the tracker was too slow to claim it: said, exit 1. */
async function claimExits<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClaimRefused || error instanceof ClaimLost || error instanceof ClaimTooSlow)
      throw new CliExit(EXIT.invalid, `handoff: ${error.message}`);
    throw error;
  }
}
