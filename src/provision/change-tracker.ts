import type { RichText } from '../domain/rich-text';
import type { Account, ChangeDraft, ChangeRequest, ChangeState, ChangeTicket } from './change-types';
import type { LinkOutcome, LinkRequest, ProvisioningTracker } from './tracker';

/**
 * The port change control and owner transfer need: change, comment, relate and unlink items
 * already there, and keep change-request tickets. It includes the provisioning port because an
 * applied change provisions what the record now adds, and every use case counts its requests
 * and finds people through it.
 */
export interface ChangeTracker extends ProvisioningTracker {
  /** The reverse of `createLinks`: `blockers` stop blocking `blocked`; a link that is not there is not an error. */
  removeLinks(links: readonly LinkRequest[]): Promise<LinkOutcome[]>;
  /**
   * Changes the given fields of one item and adds its comment, so that a field change never
   * lands without its comment: in one request where the tracker allows (Jira edit with
   * `update.comment`), else the comment first and not again on a re-run (Asana, whose batches
   * are neither ordered nor atomic). Never deletes anything.
   */
  updateItem(update: ItemUpdate): Promise<void>;
  /** A comment on an item (on the parent: Jira's Epic, Asana's overview task). One request. */
  comment(key: string, body: RichText): Promise<void>;
  /**
   * Relates `from` to each of `to` (Jira "Relates" links; Asana
   * has no generic relation: one comment on `from` naming them).
   */
  linkRelated(from: string, to: readonly string[]): Promise<void>;
  /**
   * What is on an item already, read directly (never through a lagging search), so that a run
   * finishing what a killed one began adds only what is missing: the keys `linkRelated` related
   * it to, and its comments as plain text, oldest first. Jira: one GET of the issue (more pages
   * of comments past its first); Asana: its stories, a page of 100 a request.
   */
  readTrail(key: string): Promise<ItemTrail>;
  /** Who the tracker acts as: the CLI's token or the Forge caller. One request. */
  currentAccount(): Promise<Account>;

  /** Opens a change-request ticket carrying the change and its machine state; returns its key. */
  createChangeRequest(draft: ChangeDraft): Promise<string>;
  /**
   * Every change request of a record, oldest first, with approval as the tracker shows it
   * (without the payload). `known`: keys made lately, read directly if the search lags behind them.
   */
  findChangeRequests(recordId: string, known?: readonly string[]): Promise<ChangeTicket[]>;
  /** One change request with its payload, or null when `key` is not one. */
  readChangeRequest(key: string): Promise<ChangeRequest | null>;
  /**
   * Approves as whoever the tracker acts as: Jira moves it to Approved (else a done status), Asana completes it.
   * Null once approved; else why the tracker's workflow will not let Handoff approve it (a transition screen
   * requiring a field it cannot fill, no such transition), said for whoever can change that — nothing moved.
   */
  approveChangeRequest(key: string): Promise<string | null>;
  /** Replaces the change request's machine state (its outcome). */
  saveChangeState(key: string, state: ChangeState): Promise<void>;
}

export type ItemTrail = { related: string[]; comments: string[] };

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

/**
 * What every adapter (Jira, Asana, memory) implements: the change port, which includes the
 * provisioning one. Callers take the narrowest port they use, never this.
 */
export type Tracker = ChangeTracker;
