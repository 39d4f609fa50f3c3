import { affectedItemIds, type ChangeSet } from '../../domain/change/change-set';
import type { Plan, PlanItem } from '../../domain/plan/plan-types';
import { link, paragraph, strong, text, type RichText } from '../../domain/rich-text';
import type { Accounts } from '../../provision/people-directory';
import type { ItemUpdate } from '../../provision/change-tracker';
import type { ExistingItem, LinkRequest } from '../../provision/tracker';

export type ChangeWork = {
  updates: Array<{ itemId: string; update: ItemUpdate }>;
  /** Blocks links the change ends, by key. */
  unlinks: LinkRequest[];
  problems: Array<{ itemId: string; error: string }>;
};

type Ref = { key: string; url: string };

/**
 * What applying a change does to tickets that exist, worked out against what the tracker shows
 * now: only the fields the change names, and only where the ticket differs from the new plan —
 * so applying twice writes nothing the second time, and a field someone edited by hand that
 * the change does not touch is left alone. Tickets the new record no longer plans are
 * descoped (never deleted); a ticket descoped earlier and planned again is taken back.
 */
export function changeWork(
  change: ChangeSet,
  plan: Plan,
  found: ReadonlyMap<string, ExistingItem>,
  accounts: Accounts,
  request: Ref,
): ChangeWork {
  const work: ChangeWork = { updates: [], unlinks: [], problems: [] };
  const planned = new Map(plan.items.map((i) => [i.itemId, i]));
  const note = (what: string, detail: string): RichText => [
    paragraph(strong(`${what} by change request `), link(request.key, request.url), text(detail ? `: ${detail}` : '.')),
  ];

  const align = (itemId: string, fields: { summary: boolean; due: boolean; assignee: boolean }, what: string) => {
    const ticket = found.get(itemId);
    const item = planned.get(itemId);
    if (!ticket || !item) return;
    const update: ItemUpdate = { key: ticket.key };
    const moves: string[] = [];
    if (fields.summary && ticket.state.summary !== item.summary) {
      update.summary = item.summary;
      moves.push(`summary "${item.summary}"`);
    }
    if (fields.due && ticket.state.due !== item.due) {
      update.due = item.due;
      moves.push(`due ${ticket.state.due ?? '—'} → ${item.due ?? '—'}`);
    }
    if (fields.assignee) {
      const account = accountOf(item, accounts);
      if (account === undefined)
        work.problems.push({
          itemId,
          error: `${item.assignee} has no account that can be assigned; the owner was not changed`,
        });
      else if ((ticket.state.assignee?.account ?? null) !== account) {
        update.assigneeAccount = account;
        moves.push(`owner ${item.assignee ?? 'nobody'}`);
      }
    }
    if (ticket.state.descoped) Object.assign(update, { descoped: false, group: item.group });
    if (moves.length || ticket.state.descoped)
      work.updates.push({ itemId, update: { ...update, comment: note(what, moves.join('; ')) } });
  };

  for (const c of change.changed)
    align(
      c.itemId,
      { summary: Boolean(c.summaryChange), due: Boolean(c.due), assignee: Boolean(c.assignee) },
      'Changed',
    );
  // An added item with a ticket already is one descoped before and now planned again.
  for (const a of change.added) align(a.itemId, { summary: true, due: true, assignee: true }, 'Back in scope');
  for (const r of change.removed) {
    const ticket = found.get(r.itemId);
    if (ticket && !ticket.state.descoped) {
      work.updates.push({
        itemId: r.itemId,
        update: {
          key: ticket.key,
          descoped: true,
          comment: note('Descoped', `${r.why}. Nothing was deleted; the ticket stays for the record.`),
        },
      });
    }
  }
  for (const c of change.changed) {
    const blocker = found.get(c.itemId);
    const ended = c.blocksRemoved.flatMap((itemId) => {
      const blocked = found.get(itemId);
      return blocker && blocked && blocker.blocks.includes(blocked.key) ? [blocked.key] : [];
    });
    for (const blocked of ended) work.unlinks.push({ blocked, blockers: [blocker?.key ?? ''] });
  }
  return work;
}

/** The account an item goes to: null for nobody, undefined when its person has none. */
function accountOf(item: PlanItem, accounts: Accounts): string | null | undefined {
  if (!item.assignee) return null;
  return accounts.get(item.assignee) ?? undefined;
}

type TicketRef = { itemId: string; key: string };

/** What the whole change comes to in tickets, whichever run did which part of it. */
export type ChangeTickets = {
  added: TicketRef[];
  updated: TicketRef[];
  descoped: TicketRef[];
  linksRemoved: number;
  /** Every ticket the change request is related to: those it adds and those it touches. */
  related: string[];
};

/**
 * The tickets of the whole change, by the key each has now (`keyOf`: found before this run or
 * created by it) — not what this run did — so the applied comment and the Relates links of a
 * run finishing what a killed one began are those of the whole change.
 */
export function changeTickets(change: ChangeSet, keyOf: (itemId: string) => string | undefined): ChangeTickets {
  const refs = (itemIds: readonly string[]) =>
    itemIds.flatMap((itemId) => {
      const key = keyOf(itemId);
      return key ? [{ itemId, key }] : [];
    });
  const fieldsChanged = change.changed.filter((c) => c.summaryChange || c.due || c.assignee);
  return {
    added: refs(change.added.map((a) => a.itemId)),
    updated: refs(fieldsChanged.map((c) => c.itemId)),
    descoped: refs(change.removed.map((r) => r.itemId)),
    linksRemoved: change.changed.reduce((n, c) => n + (keyOf(c.itemId) ? refs(c.blocksRemoved).length : 0), 0),
    related: [...new Set(refs([...change.added.map((a) => a.itemId), ...affectedItemIds(change)]).map((r) => r.key))],
  };
}
