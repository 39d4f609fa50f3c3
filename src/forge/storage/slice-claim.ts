import { z } from 'zod';
import type { KvsPort } from './kvs-port';
import { CLEANUP_TTL, createOnce } from './lock';

/**
 * Who runs a slice of a run: one delivery of its queue event at a time, and a delivery whose
 * invocation died does not stall the run. The claim (`claim:<KEY>:<runId>:<slice>`) names the
 * delivery (`event`, `attempt`) and when it last showed it was alive (`at`); the slice refreshes
 * it with every progress save. Another delivery takes it over, through a conditional write keyed
 * by the claim it replaces (of several, one wins), when
 *  - it is the platform's retry of the same event (a higher `attempt`): Forge retries an event
 *    only once the earlier invocation returned, failed or timed out, so that one is gone; or
 *  - the claim has not been refreshed for SLICE_GRACE_MS: its holder is dead.
 * A claim is marked `ended` when its slice ended (the run finished, failed, or queued the next
 * slice): deliveries of it after that do nothing.
 */
const claimValue = z.object({
  event: z.string(),
  attempt: z.number().int(),
  at: z.number(),
  ended: z.boolean(),
});

/**
 * Longer than a live slice ever goes without a progress save — one outbound request (async
 * events allow 180 s) and one rate-limit wait (the retry policy's longest, 120 s) — and far
 * shorter than the project lock (20 min), which a dead slice would otherwise hold.
 */
export const SLICE_GRACE_MS = 6 * 60_000;

export type Delivery = { event: string; attempt: number };

/** A slice's claim once taken: `beat` refreshes it (false: it was taken over), `end` marks the slice done. */
export type SliceClaim = {
  beat(): Promise<boolean>;
  end(): Promise<void>;
};

export function createSliceClaims(kvs: KvsPort, now: () => number) {
  const read = async (key: string) => claimValue.safeParse(await kvs.get(key)).data ?? null;
  const mine = (claim: z.infer<typeof claimValue> | null, delivery: Delivery) =>
    claim?.event === delivery.event && claim.attempt === delivery.attempt;

  return {
    /** The claim on slice `name` for `delivery`, or null while another delivery runs it (or it ended). */
    async take(name: string, delivery: Delivery): Promise<SliceClaim | null> {
      const key = `claim:${name}`;
      const value = () => ({ ...delivery, at: now(), ended: false });
      const handle: SliceClaim = {
        async beat() {
          if (!mine(await read(key), delivery)) return false;
          await kvs.set(key, value(), { ttl: CLEANUP_TTL });
          return true;
        },
        async end() {
          if (mine(await read(key), delivery)) await kvs.set(key, { ...value(), ended: true }, { ttl: CLEANUP_TTL });
        },
      };
      if (await createOnce(kvs, key, value())) return handle;
      const current = await read(key);
      // Let go of between the two calls: try once more, as a newcomer.
      if (!current) return (await createOnce(kvs, key, value())) ? handle : null;
      const retryOfIt = current.event === delivery.event && current.attempt < delivery.attempt;
      if (current.ended || !(retryOfIt || now() - current.at > SLICE_GRACE_MS)) return null;
      const replaced = `claim-takeover:${name}:${current.attempt}:${current.at}`;
      if (!(await createOnce(kvs, replaced, { ...delivery }))) return null;
      await kvs.set(key, value(), { ttl: CLEANUP_TTL });
      return handle;
    },
  };
}
