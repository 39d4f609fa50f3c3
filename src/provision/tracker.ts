import { z } from 'zod';
import type { FieldRefusal } from '../domain/gate/gate';
import type { Plan, PlanItem } from '../domain/plan/plan';
import type { ItemWriteLimit } from './item-pacer';
import type { RunClaims } from './run-claims';

/**
 * The port provisioning needs (the engine, the people lookup, the provision use case): find
 * people, find what exists, create items in batches, link them. Adapters never decide what to
 * create, only how. Batch sizes and link concurrency are the tracker's own facts, said here
 * once, so nothing else holds a literal for them.
 *
 * Each method's JSDoc says how many requests it makes, so the engine's call counts (see
 * `requests`) can be checked against the tracker's own.
 */
export interface ProvisioningTracker {
  readonly name: string;
  /** Largest number of items one `createItems` call accepts (Jira bulk create: 50; Asana batch: 10). */
  readonly maxBatch: number;
  /**
   * Largest number of link requests one `createLinks` call takes
   * (Asana batches 10; Jira sends one request per link anyway).
   */
  readonly linkBatch: number;
  /**
   * `createLinks` calls the engine keeps in flight at once: the tracker's concurrency
   * (Asana's 15 writes in flight hold one batch of ten links).
   */
  readonly linkConcurrency: number;
  /**
   * `createItems` calls the engine keeps in flight once the parent exists (default one): Jira's
   * burst limit is per endpoint and method, so bulk creates run beside one another and the links.
   */
  readonly createConcurrency?: number;
  /**
   * Writes one item may take in a window (Jira's per-issue write limit, with margin): the engine
   * spaces link writes to keep under them. A tracker without such a limit leaves it out.
   */
  readonly itemWriteLimits?: readonly ItemWriteLimit[];
  /** Requests made so far, every attempt counted (retries too). */
  requests(): number;
  /** E-mail → account (Jira accountId, Asana user gid), or null when nobody has that e-mail. One request. */
  findPerson(email: string): Promise<string | null>;
  /** Largest number of ids one `fetchItems` call reads (Jira bulk fetch: 100). */
  readonly fetchBatch: number;
  /**
   * The items already provisioned for a record, found by the label every item carries and
   * told apart by their handoff property. One request per page. The tracker's search may lag
   * its writes (Jira's does, by seconds to minutes): `reconcile` names items created lately
   * (at most 50, by id) that the search must show even if its index has not caught up.
   */
  searchItems(recordId: string, cursor?: string, reconcile?: readonly string[]): Promise<SearchPage>;
  /**
   * A record's items by id, read directly rather than through a search index, so never behind
   * a write; ids that are gone or carry no property of the record are left out. Up to
   * `fetchBatch` ids, one request (Jira); a tracker whose reads never lag may list the record.
   */
  fetchItems(recordId: string, ids: readonly string[]): Promise<ExistingItem[]>;
  /**
   * Creates up to `maxBatch` items, each with its handoff property; one outcome per request.
   * A created item's outcome is matched to its request by what the tracker read back, never by
   * the position of the answer.
   */
  createItems(requests: readonly CreateRequest[]): Promise<CreateOutcome[]>;
  /**
   * For each request, makes `blockers` block `blocked` (Jira
   * "Blocks" links; Asana dependencies); one outcome per blocker.
   */
  createLinks(links: readonly LinkRequest[]): Promise<LinkOutcome[]>;
  /** Where a person sees the item, for reports and comments. */
  itemUrl(key: string): string;
  /**
   * What the project refuses of what `plan` would send — a field not on a create screen, a
   * required field left empty — asked before anything is written, so the gate can say so
   * instead of every create failing. Reads only; none when the tracker has no such settings.
   */
  preflight(plan: Plan): Promise<FieldRefusal[]>;
  /**
   * Where the ids a record's runs created are also kept on the tracker itself, on the parent
   * item, read directly (not through the search): a run on another machine, straight after
   * this one, finds them there. Jira: entity properties on the Epic. Absent where the search
   * never lags (Asana lists a project's tasks directly).
   */
  readonly ledgerMirror?: LedgerMirror;
  /**
   * Where a run claims the record, so runs on other machines keep out (Jira: a project property;
   * Asana: a line in the project's notes). Absent: the per-machine lock is all there is.
   */
  readonly claims?: RunClaims;
}

export type LedgerMirror = {
  /** The ids kept on the parent. One request. */
  read(parentKey: string): Promise<string[]>;
  /** Keeps `ids` (all the record's, the newest last) on the parent. A request per part that changed. */
  write(parentKey: string, ids: readonly string[]): Promise<void>;
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

/**
 * What every created item carries so it can be found again: Jira entity property, Asana external
 * data. `assignee` is the account the item was assigned at creation: Jira hides most people's
 * e-mails and drops leavers from user search, so an owner transfer finds a leaver's items by it.
 */
export const handoffProperty = z.object({
  recordId: z.string(),
  itemId: z.string(),
  planHash: z.string(),
  assignee: z.string().optional(),
});
export type HandoffProperty = z.infer<typeof handoffProperty>;

export type ExistingItem = HandoffProperty & {
  /** The tracker's own id (Jira's numeric issue id, Asana's gid): what `fetchItems` and `reconcile` take. */
  id: string;
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

export type CreateOutcome =
  { itemId: string; ok: true; id: string; key: string } | { itemId: string; ok: false; error: string };
export type LinkRequest = { blocked: string; blockers: readonly string[] };
/** `transient`: the tracker may do it if asked again (a batch action met 5xx); the engine retries those. */
export type LinkOutcome =
  | { blocked: string; blocker: string; ok: true }
  | { blocked: string; blocker: string; ok: false; error: string; transient?: boolean };
