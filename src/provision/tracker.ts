import { z } from 'zod';
import type { PlanItem } from '../domain/plan/plan.ts';
import type { RichText } from '../domain/rich-text.ts';
import type { Account, ChangeDraft, ChangeRequest, ChangeState, ChangeTicket } from './change-types.ts';

/**
 * The port every tracker implements (Jira, Asana, memory). The engine in this folder is the
 * only caller; adapters never decide what to create, only how.
 *
 * Each method's JSDoc says how many requests it makes, so the engine's call counts (see
 * `requests`) can be checked against the tracker's own.
 */
export interface Tracker {
  readonly name: string;
  /** Largest number of items one `createItems` call accepts (Jira bulk create: 50; Asana batch: 10). */
  readonly maxBatch: number;
  /** Requests made so far, every attempt counted (retries too). */
  requests(): number;
  /** E-mail → account (Jira accountId, Asana user gid), or null when nobody has that e-mail. One request. */
  findPerson(email: string): Promise<string | null>;
  /** The items already provisioned for a record, found by the property every item carries. One request per page. */
  searchItems(recordId: string, cursor?: string): Promise<SearchPage>;
  /** Creates up to `maxBatch` items, each with its handoff property; one outcome per request, in order. */
  createItems(requests: readonly CreateRequest[]): Promise<CreateOutcome[]>;
  /** Largest number of link requests one `createLinks` call takes (Asana batches 10; Jira sends one request per link anyway). */
  readonly linkBatch: number;
  /** For each request, makes `blockers` block `blocked` (Jira "Blocks" links; Asana dependencies); one outcome per blocker. */
  createLinks(links: readonly LinkRequest[]): Promise<LinkOutcome[]>;
  /** The reverse: `blockers` stop blocking `blocked`; a link that is not there is not an error. */
  removeLinks(links: readonly LinkRequest[]): Promise<LinkOutcome[]>;
  /** Where a person sees the item, for reports and comments. */
  itemUrl(key: string): string;

  /**
   * Changes the given fields of one item and adds its comment — in one request where the
   * tracker allows (Jira edit with `update.comment`; one Asana batch), so a field change never
   * lands without its comment. Never deletes anything.
   */
  updateItem(update: ItemUpdate): Promise<void>;
  /** A comment on an item (on the parent: Jira's Epic, Asana's overview task). One request. */
  comment(key: string, body: RichText): Promise<void>;
  /** Relates `from` to each of `to` (Jira "Relates" links; Asana has no generic relation: one comment on `from` naming them). */
  linkRelated(from: string, to: readonly string[]): Promise<void>;
  /** Who the tracker acts as: the CLI's token or the Forge caller. One request. */
  currentAccount(): Promise<Account>;

  /** Opens a change-request ticket carrying the change and its machine state; returns its key. */
  createChangeRequest(draft: ChangeDraft): Promise<string>;
  /** Every change request of a record, oldest first, with approval as the tracker shows it (without the payload). */
  findChangeRequests(recordId: string): Promise<ChangeTicket[]>;
  /** One change request with its payload, or null when `key` is not one. */
  readChangeRequest(key: string): Promise<ChangeRequest | null>;
  /** Approves as whoever the tracker acts as: Jira moves it to Approved (else a done status), Asana completes it. */
  approveChangeRequest(key: string): Promise<void>;
  /** Replaces the change request's machine state (its outcome). */
  saveChangeState(key: string, state: ChangeState): Promise<void>;
}

/**
 * A change to an existing item: only the fields given change. `descoped: true` marks an item
 * the record no longer plans (Jira label `descoped`; Asana "Descoped" section); `false` takes
 * it back (Asana: into `group`'s section).
 */
export type ItemUpdate = {
  key: string;
  summary?: string;
  due?: string | null;
  assigneeAccount?: string | null;
  descoped?: boolean;
  group?: string;
  comment?: RichText;
};

/** An item as the tracker shows it now, whatever the plan said when it was made. */
export type ItemState = {
  summary: string;
  /** Who it is assigned to; the e-mail when the tracker shows it (Jira may hide it). */
  assignee: { account: string; email: string | null } | null;
  due: string | null;
  /** Its status is done (Jira status category done; Asana completed). */
  done: boolean;
  descoped: boolean;
};

/** What every created item carries so it can be found again: Jira entity property, Asana external data. */
export const handoffProperty = z.object({ recordId: z.string(), itemId: z.string(), planHash: z.string() });
export type HandoffProperty = z.infer<typeof handoffProperty>;

export type ExistingItem = HandoffProperty & {
  key: string;
  /** Keys this item already blocks. */ blocks: string[];
  state: ItemState;
};
export type SearchPage = { items: ExistingItem[]; cursor?: string };

export type CreateRequest = {
  item: PlanItem;
  property: HandoffProperty;
  /** The tracker account of `item.assignee`, resolved before applying. */
  assigneeAccount: string | null;
  /** The key of the parent item (Jira Epic, Asana project) once it exists. */
  parentKey: string | null;
  /** With the parent only: every group its items will sit in, so the tracker can prepare them (Asana sections). */
  groups?: readonly string[];
};

export type CreateOutcome = { itemId: string; ok: true; key: string } | { itemId: string; ok: false; error: string };
export type LinkRequest = { blocked: string; blockers: readonly string[] };
/** `transient`: the tracker may do it if asked again (a batch action met 5xx); the engine retries those. */
export type LinkOutcome =
  | { blocked: string; blocker: string; ok: true }
  | { blocked: string; blocker: string; ok: false; error: string; transient?: boolean };
