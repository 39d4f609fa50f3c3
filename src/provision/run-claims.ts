import { z } from 'zod';

/**
 * A run's claim on a record, kept on the tracker itself so runs on different machines (and the
 * CLI and the Forge app) see each other. Times are epoch milliseconds of the writer's clock.
 */
export const runClaim = z.object({
  /** Who runs it: the tracker account's name, or "the Forge app". */
  holder: z.string(),
  /** Where it runs: the machine's host name, or "the Forge app". */
  machine: z.string(),
  /** Tells this run's claim from another run's by the same holder on the same machine. */
  nonce: z.string(),
  since: z.number(),
  expires: z.number(),
});
export type RunClaim = z.infer<typeof runClaim>;

/** A record's claim as read; `nowhere` while the record has no place for one yet (Asana: no project). */
export type ClaimSlot = { kind: 'slot'; claim: RunClaim | null } | { kind: 'nowhere' };

/**
 * The claim port. There is no compare-and-swap on Jira entity properties or Asana fields:
 * these are plain reads and writes of one value per record, and the protocol in
 * `usecases/run-claim` makes them exclusive. Each method is one request (Asana's write reads
 * the notes it rewrites first: two).
 */
export interface RunClaims {
  read(recordId: string): Promise<ClaimSlot>;
  /** Replaces the record's claim; a TrackerError 403 means the token may not keep one there. */
  write(recordId: string, claim: RunClaim): Promise<void>;
  /** Removes the record's claim; one that is not there is not an error. */
  clear(recordId: string): Promise<void>;
}
