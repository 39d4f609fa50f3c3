import { z } from 'zod';
import { changeSetSchema } from '../domain/change/change-set';
import type { RichText } from '../domain/rich-text';

/**
 * A change request lives in the tracker, so the CLI needs no local state and the panel, the
 * CLI and the tracker's own UI all see the same thing:
 *
 * - the ticket (Jira issue / Asana task) a person reads, approves and comments on;
 * - its machine state (Jira entity property `handoff-change`; Asana `external` data under
 *   OAuth, a notes line with a personal access token): who proposed it, who must approve it,
 *   the hashes it was proposed between, and its outcome once applied or rejected;
 * - its payload — the change set and the proposed record, gzip + base64 in parts of at most
 *   30,000 characters (Jira: properties `handoff-change-payload-<n>`, each under the 32 KB
 *   limit; Asana: lines at the end of the notes).
 *
 * Approval is never stored by Handoff: it is the tracker's own (the Jira status, Asana's
 * completion) and who did it (Jira's changelog, Asana's `completed_by`).
 */
const account = z.object({ account: z.string(), name: z.string() });
export type Account = z.infer<typeof account>;

const outcome = z.object({
  kind: z.enum(['applied', 'rejected']),
  by: account,
  at: z.string(),
  reason: z.string().nullable(),
});

export const changeStateSchema = z.object({
  recordId: z.string(),
  changeId: z.string(),
  baseRecordHash: z.string(),
  proposedRecordHash: z.string(),
  approvalOwner: z.object({ email: z.string(), account: z.string() }),
  proposedBy: account,
  proposedAt: z.string(),
  /** Parts the payload is stored in. */
  payloadParts: z.number().int().min(1),
  outcome: outcome.nullable(),
  /**
   * The CLI's seal of everything above but the outcome (usecases/change/seal.ts): a signature
   * anyone may see but only the holder of the approval key can make. The Forge app keeps its seals in its own storage.
   */
  signature: z.string().optional(),
});
export type ChangeState = z.infer<typeof changeStateSchema>;

export const changePayloadSchema = z.object({ change: changeSetSchema, proposed: z.unknown() });
export type ChangePayload = z.infer<typeof changePayloadSchema>;

export type Approval = { approved: boolean; by: Account | null; at: string | null };

export type ChangeDraft = {
  recordId: string;
  summary: string;
  description: RichText;
  assigneeAccount: string;
  state: ChangeState;
  /** The encoded payload parts (see change-payload.ts). */
  payload: readonly string[];
};

export type ChangeTicket = { key: string; summary: string; created: string; state: ChangeState; approval: Approval };
export type ChangeRequest = ChangeTicket & { payload: readonly string[] };

/**
 * Why an operation was refused, for callers that answer with a code (the Forge resolvers); `reason` is the sentence.
 */
export type Refusal = { kind: 'refused'; why: 'not-found' | 'forbidden' | 'conflict'; reason: string; calls: number };
