import { itemIdOf } from '../domain/plan/plan-items';
import type { HandoffRecord } from '../domain/record/record';
import {
  transferItemComment,
  transferSummaryComment,
  transitionNote,
  type Transfer,
} from '../domain/change/transition-note';
import { findItems } from '../provision/engine';
import type { LedgerFor } from '../provision/ledger';
import { createSender, type RetryPolicy } from '../provision/retry';
import type { ChangeTracker } from '../provision/change-tracker';
import type { ExistingItem } from '../provision/tracker';
import { TrackerError } from '../provision/tracker-error';
import type { Refusal } from '../provision/change-types';

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

/**
 * Owner transfer ("someone leaves"): every open ticket of the record assigned to `from` goes
 * to `to`, each with the transition note as a comment in the same request, then one summary
 * comment on the parent. Tickets already moved are not touched again, so running it twice
 * changes nothing the second time. Done and descoped tickets stay as they are: they are
 * history, not work.
 */
export async function transferOwner(
  tracker: ChangeTracker,
  input: { record: HandoffRecord; transfer: Transfer; today: string },
  options: { policy: RetryPolicy; ledger?: LedgerFor },
): Promise<TransferResult> {
  const send = createSender(options.policy);
  const start = tracker.requests();
  const calls = () => tracker.requests() - start;
  const { record, transfer } = input;
  const toAccount = await send(() => tracker.findPerson(transfer.to), 'read');
  if (!toAccount)
    return {
      kind: 'refused',
      why: 'conflict',
      reason: `${transfer.to} has no ${tracker.name} account that can be assigned work`,
      calls: calls(),
    };
  // Someone who has left may no longer be found: their tickets still name their e-mail (Jira).
  const fromAccount = await send(() => tracker.findPerson(transfer.from), 'read');
  const found = await findItems(tracker, record.id, send, options.ledger);
  const isFrom = (item: ExistingItem) =>
    item.state.assignee !== null &&
    (item.state.assignee.account === fromAccount ||
      item.state.assignee.email?.toLowerCase() === transfer.from.toLowerCase());
  const open = [...found.values()].filter((item) => !item.state.done && !item.state.descoped && isFrom(item));
  const note = transitionNote(record, transfer);
  const moved: Array<{ itemId: string; key: string; summary: string }> = [];
  const failed: Array<{ itemId: string; error: string }> = [];
  for (const item of open) {
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
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      failed.push({ itemId: item.itemId, error: error.message });
    }
  }
  const parent = found.get(itemIdOf(record.id, 'parent', record.id));
  if (moved.length && parent) {
    const summary = transferSummaryComment(
      transfer,
      moved.map((m) => ({ ...m, url: tracker.itemUrl(m.key) })),
      note,
    );
    await send(() => tracker.comment(parent.key, summary), 'create');
  }
  return {
    kind: 'transferred',
    from: transfer.from,
    to: transfer.to,
    moved: moved.map(({ itemId, key }) => ({ itemId, key })),
    failed,
    calls: calls(),
  };
}
