import type { RunClaim, RunClaims } from '../provision/run-claims';
import type { ProvisioningTracker } from '../provision/tracker';
import { TrackerError } from '../provision/tracker-error';
import { createSender, type RetryPolicy, type Sender } from '../provision/retry';

/**
 * W: how long a claimer waits after its write before reading again, and the longest its
 * read → write may take. Two seconds is well over a tracker's usual answer (a few hundred ms),
 * so the protocol rarely starts over, and is what every run pays once.
 */
export const CLAIM_SETTLE_MS = 2_000;
/** A killed run's claim lapses after this; a live run renews it well before. */
export const CLAIM_TTL_MS = 5 * 60_000;
/** A run renews its claim at its next write once this much has passed since the last renewal. */
export const CLAIM_RENEW_MS = 60_000;
export type ClaimOptions = {
  /** Who runs: the tracker account's name, or "the Forge app". */
  holder: string;
  /** Where: the host name, or "the Forge app". */
  machine: string;
  /** This run's own mark; a Forge job keeps one across its slices, so its next slice finds its own claim. */
  nonce: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  settleMs?: number;
  ttlMs?: number;
  renewMs?: number;
  /** Retries the claim's requests as the run's own (5xx, 429); a retried write is late, and then stops the claim. */
  policy?: RetryPolicy;
  /**
   * Whether another run's unexpired claim is known to be dead (the CLI: a process of this
   * machine that is gone), so it need not be waited out: a run stopped by a rate limit or
   * killed, then run again at once, would otherwise be refused by its own leftover claim.
   */
  abandoned?: (claim: RunClaim) => boolean;
};

const when = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const who = (claim: RunClaim) =>
  claim.holder === claim.machine ? claim.holder : `${claim.holder} on ${claim.machine}`;

/** Another run holds the record: the sentence names it, since when, and until when its claim counts. */
export class ClaimRefused extends Error {
  constructor(
    readonly recordId: string,
    readonly claim: RunClaim,
    midway: boolean,
  ) {
    super(
      `another run of ${recordId} is in progress: ${who(claim)}, since ${when(claim.since)} ` +
        `(its claim lasts until ${when(claim.expires)} unless renewed); ` +
        (midway ? 'this run stopped before writing more — what it made is kept' : 'nothing was done') +
        ' — run again once it has finished',
    );
  }
}

/** Our claim lapsed and another run took it: we stop before the next write, resumably. */
export class ClaimLost extends Error {
  constructor(
    readonly recordId: string,
    readonly claim: RunClaim | null,
  ) {
    super(
      `this run's claim on ${recordId} lapsed` +
        (claim ? ` and was taken by ${who(claim)} at ${when(claim.since)}` : ' and was removed') +
        '; it stopped before writing more — what went through is kept; run again once the other run has finished',
    );
  }
}

/**
 * Our write was answered too late to trust the read before it: nothing was done. The claim it
 * left lapses on its own; it is not removed, because it may have replaced a winner's, and
 * that winner must find a stranger's claim at its next renewal and stop.
 */
export class ClaimTooSlow extends Error {
  constructor(
    recordId: string,
    settleMs: number,
    /** When the claim this attempt may have left lapses: trying again after it is sound. */
    readonly expires: number,
  ) {
    super(
      `could not claim ${recordId}: the tracker took over ${settleMs / 1000} s to answer, so another run ` +
        `may have claimed it meanwhile; nothing was done — run again after ${when(expires)}, when this attempt lapses`,
    );
  }
}

type Acquired = { kind: 'held' } | { kind: 'not-yet' } | { kind: 'forbidden'; why: string };

/**
 * Write–wait–re-read, sound when one property read is linearizable: read; if another run's
 * unexpired claim is there, refuse; else write ours, noting T0, when the read was sent. Once
 * the write's answer is back, if more than W has passed since T0 our read may be stale: stop
 * (see ClaimTooSlow). Else wait W and read again: ours means we hold it.
 * Why two cannot both win: say A's write lands first. B's first read saw no claim, so it
 * came before A's write; A's re-read saw A's claim, so B's write came after A's re-read, which
 * A sent at least W after its write was answered. So B's read → write answer took more than
 * W, and B stops. (Starting over instead, as first designed, is not sound: B's late write may
 * have replaced A's claim, and B's next read would find its own claim there.)
 * Each run measures only its own intervals, so clocks need not agree for this; they must agree
 * to well under a minute for expiry, which is minutes.
 */
export function createRunClaim(store: RunClaims, recordId: string, options: ClaimOptions) {
  const claims = options.policy ? retried(store, createSender(options.policy)) : store;
  const settleMs = options.settleMs ?? CLAIM_SETTLE_MS;
  const ttlMs = options.ttlMs ?? CLAIM_TTL_MS;
  const isOurs = (claim: RunClaim | null) => claim?.nonce === options.nonce;
  let held: RunClaim | null = null;
  let renewed = 0;

  const fresh = (since: number): RunClaim => ({
    holder: options.holder,
    machine: options.machine,
    nonce: options.nonce,
    since,
    expires: options.now() + ttlMs,
  });

  /**
   * `held`; `not-yet` while the record has no place for a claim; `forbidden` (why) when the
   * token may not write one. Throws ClaimRefused when another run holds it.
   */
  async function acquire(midway: boolean): Promise<Acquired> {
    const t0 = options.now();
    const slot = await claims.read(recordId);
    if (slot.kind === 'nowhere') return { kind: 'not-yet' };
    const current = slot.claim;
    const live = current !== null && current.expires > t0 && !options.abandoned?.(current);
    if (current && !isOurs(current) && live) throw new ClaimRefused(recordId, current, midway);
    const claim = fresh(isOurs(current) && current ? current.since : t0);
    try {
      await claims.write(recordId, claim);
    } catch (error) {
      if (error instanceof TrackerError && error.status === 403) return { kind: 'forbidden', why: error.message };
      throw error;
    }
    if (options.now() > t0 + settleMs) throw new ClaimTooSlow(recordId, settleMs, claim.expires);
    await options.sleep(settleMs);
    const again = await claims.read(recordId);
    const now = again.kind === 'slot' ? again.claim : null;
    if (!isOurs(now)) throw now ? new ClaimRefused(recordId, now, midway) : new ClaimLost(recordId, null);
    held = claim;
    renewed = options.now();
    return { kind: 'held' };
  }

  /**
   * Keeps the claim: a re-write with a later expiry, if it is still ours. While it has not
   * expired nobody else may take it, so a re-write answered before then needs no wait. One
   * answered later may have replaced a newcomer's claim: the run stops (the newcomer, finding
   * ours, stops too at its next renewal).
   */
  async function renew(): Promise<void> {
    if (!held) return;
    const slot = await claims.read(recordId);
    const current = slot.kind === 'slot' ? slot.claim : null;
    if (!isOurs(current)) throw new ClaimLost(recordId, current);
    const claim = fresh(held.since);
    await claims.write(recordId, claim);
    if (options.now() >= held.expires) throw new ClaimLost(recordId, null);
    held = claim;
    renewed = options.now();
  }

  return {
    acquire: () => acquire(false),
    /** Before a write: renews when due; throws ClaimLost when another run has it now. */
    async check(): Promise<void> {
      if (held && options.now() - renewed >= (options.renewMs ?? CLAIM_RENEW_MS)) await renew();
    },
    /** Removes our claim if it is still ours (a run that lost it leaves the winner's alone). */
    async release(): Promise<void> {
      if (!held) return;
      held = null;
      const slot = await claims.read(recordId);
      if (slot.kind === 'slot' && isOurs(slot.claim)) await claims.clear(recordId);
    },
    isHeld: () => held !== null,
  };
}

/** Reads are reads; a claim written or removed twice is the same claim. */
function retried(store: RunClaims, send: Sender): RunClaims {
  return {
    read: (recordId) => send(() => store.read(recordId), 'read'),
    write: (recordId, claim) => send(() => store.write(recordId, claim), 'idempotent-write'),
    clear: (recordId) => send(() => store.clear(recordId), 'idempotent-write'),
  };
}

/** The methods that write: before each, the claim is checked (and taken, where it had no place at the start). */
const WRITES = new Set([
  'createItems',
  'createLinks',
  'removeLinks',
  'updateItem',
  'comment',
  'linkRelated',
  'createChangeRequest',
  'approveChangeRequest',
  'saveChangeState',
]);

export type ClaimedRun<T> = {
  /** The tracker the run uses: its writes stop with ClaimLost once another run has taken the claim. */
  tracker: T;
  /**
   * Claims `recordId` for this run; returns the release (call it in `finally`) and, when the
   * tracker cannot keep a claim, why (for a warning: only the per-machine lock guards then).
   */
  take(recordId: string): Promise<{ release: () => Promise<void>; unguarded: string | null }>;
};

/**
 * One run's claim around a use case, without touching its body: the use case gets a tracker
 * whose writes check the claim first (renewing it between batches and steps). Where the claim
 * had no place when taken (the Asana project of a first run), it is taken before the first
 * write after the place exists — before any task is created in it.
 */
export function claimedRun<T extends ProvisioningTracker>(tracker: T, options: ClaimOptions): ClaimedRun<T> {
  let claim: ReturnType<typeof createRunClaim> | null = null;
  let pending = false;
  const guard = async () => {
    if (!claim) return;
    if (pending) pending = (await claim.acquire()).kind === 'not-yet';
    else await claim.check();
  };
  const guarded = new Proxy(tracker, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !WRITES.has(property) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await guard();
        return Reflect.apply(value, target, args);
      };
    },
  });
  return {
    tracker: guarded,
    async take(recordId) {
      if (!tracker.claims) return { release: async () => undefined, unguarded: `${tracker.name} keeps no run claims` };
      const run = createRunClaim(tracker.claims, recordId, options);
      const acquired = await run.acquire();
      claim = run;
      pending = acquired.kind === 'not-yet';
      const release = async () => {
        claim = null;
        await run.release();
      };
      return { release, unguarded: acquired.kind === 'forbidden' ? acquired.why : null };
    },
  };
}
