import pLimit from 'p-limit';
import { itemIdOf } from '../domain/plan/plan-items';
import { buildPlan } from '../domain/plan/plan';
import type { PlanTarget } from '../domain/plan/plan';
import type { HandoffRecord } from '../domain/record/record';
import {
  transferItemComment,
  transferSummaryComment,
  transitionNote,
  type Transfer,
} from '../domain/change/transition-note';
import { findItems } from '../provision/find-items';
import type { LedgerFor } from '../provision/ledger';
import { createSender, type RetryPolicy } from '../provision/retry';
import type { ChangeTracker } from '../provision/change-tracker';
import type { ExistingItem } from '../provision/tracker';
import { TrackerError } from '../provision/tracker-error';
import { lastTransferIs, transferMarker } from '../domain/change/comment-marker';
import type { Refusal } from '../provision/change-types';
import { counted, ticketNoun } from '../domain/words';
import { trackerName } from '../domain/words';

/**
 * Tickets moved at once: each is its own issue or task (no per-issue limit is shared), and the
 * trackers' callers keep every request within the service's limits (Asana's writes in flight,
 * Jira's Retry-After); one at a time, a leaver's 200 tickets were 200 updates in turn.
 */
const TRANSFERS_IN_FLIGHT = 4;

export type TransferResult =
  | {
      kind: 'transferred';
      from: string;
      to: string;
      moved: Array<{ itemId: string; key: string }>;
      failed: Array<{ itemId: string; error: string }>;
      calls: number;
    }
  | Refusal;

/** What a transfer would move now (open tickets of `from`), found without writing anything. */
export type TransferPreview =
  { kind: 'preview'; open: Array<{ itemId: string; key: string }>; calls: number } | Refusal;

/**
 * Owner transfer ("someone leaves"): every open ticket of the record assigned to `from` goes
 * to `to`, each with the transition note as a comment in the same request, then one summary
 * comment on the parent. Tickets already moved are not touched again, so running it twice
 * changes nothing the second time. Done and descoped tickets stay as they are: they are
 * history, not work.
 */
export async function transferOwner(
  tracker: ChangeTracker,
  input: { record: HandoffRecord; transfer: Transfer; today: string; target: PlanTarget },
  options: TransferOptions,
): Promise<TransferResult> {
  const start = tracker.requests();
  const outcome: Outcome = { moved: [], failed: [], open: [] };
  try {
    const refused = await handOver(tracker, input, options, outcome);
    if (refused) return { kind: 'refused', why: 'conflict', reason: refused, calls: tracker.requests() - start };
  } catch (error) {
    // A tracker still failing after the retries stops the run: what moved is reported with the failure.
    if (!(error instanceof TrackerError)) throw error;
    outcome.failed.push({ itemId: input.record.id, error: error.message });
  }
  return {
    kind: 'transferred',
    from: input.transfer.from,
    to: input.transfer.to,
    moved: outcome.moved.map(({ itemId, key }) => ({ itemId, key })),
    failed: outcome.failed,
    calls: tracker.requests() - start,
  };
}

/**
 * The same search as a transfer, stopping before the first write: the panel says how many open
 * tickets would move before the lead runs it.
 */
export async function previewTransfer(
  tracker: ChangeTracker,
  input: { record: HandoffRecord; transfer: Transfer; target: PlanTarget },
  options: Pick<TransferOptions, 'policy' | 'ledger'>,
): Promise<TransferPreview> {
  const start = tracker.requests();
  const outcome: Outcome = { moved: [], failed: [], open: [] };
  const refused = await handOver(tracker, input, { ...options, preview: true }, outcome);
  if (refused) return { kind: 'refused', why: 'conflict', reason: refused, calls: tracker.requests() - start };
  const open = outcome.open.map(({ itemId, key }) => ({ itemId, key }));
  return { kind: 'preview', open, calls: tracker.requests() - start };
}

type TransferOptions = {
  policy: RetryPolicy;
  ledger?: LedgerFor;
  /** Told before the first ticket moves and after each one: tickets handled so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Told of each ticket moved, by key, before `onProgress` counts it. */
  onMoved?: (key: string) => void;
  /**
   * Keys an earlier part of this same transfer moved (the queue's job ran out of time and went on
   * in a new slice): reported as moved with this run's, so the result is the whole hand-over.
   */
  movedBefore?: readonly string[];
};
/** `preview`: only find what would move (previewTransfer); nothing is written. */
type HandOverOptions = TransferOptions & { preview?: boolean };
type Moved = { itemId: string; key: string; summary: string };
type Outcome = { moved: Moved[]; failed: Array<{ itemId: string; error: string }>; open: Moved[] };

/** The transfer's steps, filling `outcome` as they go; the reason when it is refused, else null. */
async function handOver(
  tracker: ChangeTracker,
  input: { record: HandoffRecord; transfer: Transfer; target: PlanTarget },
  options: HandOverOptions,
  outcome: Outcome,
): Promise<string | null> {
  const send = createSender(options.policy);
  const { record, transfer } = input;
  const { moved, failed } = outcome;
  // The name as people write it (Asana, Jira), not the adapter's id: these sentences reach the page and the CLI.
  const where = trackerName(tracker.name);
  const toAccount = await send(() => tracker.findPerson(transfer.to), 'read');
  if (!toAccount) return `${transfer.to} has no ${where} account that can be assigned work`;
  const found = await findItems(tracker, record.id, send, options.ledger);
  const isOpen = (item: ExistingItem) => !item.state.done && !item.state.descoped;
  // Someone who has left is no longer found by e-mail (deactivated people are not assignable,
  // and Jira hides most people's e-mails), so their accounts come from what provisioning
  // recorded on each ticket the record gives them; a findable account is added.
  const theirs = buildPlan(record, { target: input.target })
    .items.filter((item) => item.assignee?.toLowerCase() === transfer.from.toLowerCase())
    .flatMap((item) => found.get(item.itemId) ?? []);
  const fromAccount = await send(() => tracker.findPerson(transfer.from), 'read');
  const leaver = new Set(
    [fromAccount, ...theirs.map((item) => item.assignee)].filter((a) => a !== null && a !== undefined),
  );
  const isFrom = (item: ExistingItem) =>
    item.state.assignee !== null &&
    (leaver.has(item.state.assignee.account) ||
      item.state.assignee.email?.toLowerCase() === transfer.from.toLowerCase());
  const open = [...found.values()].filter((item) => isOpen(item) && isFrom(item));
  const unexplained = theirs.filter((item) => isOpen(item) && item.state.assignee?.account !== toAccount);
  if (open.length === 0 && unexplained.length > 0)
    return (
      `the record gives ${transfer.from} ${counted(unexplained.length, `open ${ticketNoun(input.target)}`)} ` +
      `(${unexplained.map((i) => i.key).join(', ')}), ` +
      `but none is assigned to them in ${where} now` +
      whyNoneIsTheirs(where, `${ticketNoun(input.target)}s`, transfer, {
        known: leaver.size > 0,
        removed: fromAccount === null && unexplained.every((item) => item.state.assignee === null),
      })
    );
  outcome.open.push(...open.map((item) => ({ itemId: item.itemId, key: item.key, summary: item.state.summary })));
  if (options.preview) return null;
  const note = transitionNote(record, transfer);
  options.onProgress?.(0, open.length);
  const limit = pLimit(TRANSFERS_IN_FLIGHT);
  await Promise.all(
    open.map((item) =>
      limit(async () => {
        try {
          await send(
            () =>
              tracker.updateItem({
                key: item.key,
                assigneeAccount: toAccount,
                comment: transferItemComment(transfer, note),
              }),
            'create',
          );
          moved.push({ itemId: item.itemId, key: item.key, summary: item.state.summary });
          options.onMoved?.(item.key);
        } catch (error) {
          if (!(error instanceof TrackerError)) throw error;
          failed.push({ itemId: item.itemId, error: error.message });
        }
        options.onProgress?.(moved.length + failed.length, open.length);
      }),
    ),
  );
  // In the record's order whatever order they finished in: the summary and its marker read the same every run.
  const place = new Map(open.map((item, index) => [item.key, index]));
  moved.sort((a, b) => (place.get(a.key) ?? 0) - (place.get(b.key) ?? 0));
  // What earlier slices of this transfer moved comes first, as the tracker lists it: it was moved first.
  const before = new Set(options.movedBefore);
  const thisRun = new Set(moved.map((m) => m.key));
  moved.unshift(
    ...[...found.values()]
      .filter((item) => before.has(item.key) && !thisRun.has(item.key))
      .map((item) => ({ itemId: item.itemId, key: item.key, summary: item.state.summary })),
  );
  const parent = found.get(itemIdOf(record.id, 'parent', record.id));
  if (!parent || failed.length) return null;
  // The summary lists the whole hand-over — what this run moved and what a run killed before
  // its summary did (the record's tickets of `from` now with `to`) — and is posted once all
  // moved, unless the parent's newest transfer summary is this very one already.
  const earlier = theirs
    .filter((item) => isOpen(item) && item.state.assignee?.account === toAccount)
    .filter((item) => !moved.some((m) => m.key === item.key))
    .map((item) => ({ itemId: item.itemId, key: item.key, summary: item.state.summary }));
  const all = [...earlier, ...moved];
  if (!all.length) return null;
  const marker = transferMarker(
    transfer,
    all.map((m) => m.key),
  );
  const summary = transferSummaryComment(
    input.target,
    transfer,
    all.map((m) => ({ ...m, url: tracker.itemUrl(m.key) })),
    note,
    marker,
  );
  await send(async () => {
    if (!lastTransferIs((await tracker.readTrail(parent.key)).comments, marker))
      await tracker.comment(parent.key, summary);
  }, 'idempotent-write');
  return null;
}

/**
 * What the refusal adds after "none is assigned to them now": no account to look for, the
 * account removed with its tickets left unassigned, or the tickets reassigned since.
 */
function whyNoneIsTheirs(
  trackerName: string,
  tickets: string,
  transfer: Transfer,
  leaver: { known: boolean; removed: boolean },
) {
  if (!leaver.known)
    return (
      `: their account cannot be found by e-mail and the ${tickets} carry none from provisioning — ` +
      `reassign them in ${trackerName} by hand`
    );
  // Asana unassigns a deprovisioned person's tasks (gathering them into a project for the admin
  // who removed them), so whose they were is gone with the account: moving them would be a guess.
  if (leaver.removed)
    return (
      `: they were removed from ${trackerName} (deprovisioned), which left these ${tickets} unassigned — ` +
      `assign them to ${transfer.to} by hand, and run the transfer before removing someone`
    );
  return ` (reassigned to someone else since) — nothing was moved`;
}
