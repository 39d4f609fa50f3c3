import type { ChangeSet, ItemChange, Move, ScopeList } from './change-set';
import { bullets, heading, link, paragraph, strong, text, type Inline, type RichText } from '../rich-text';
import type { PlanTarget } from '../plan/plan-types';

/** A ticket the change touches, when it exists: shown as a link. */
export type TicketRef = { key: string; url: string };
export type ChangeContext = {
  proposedBy: string;
  approvalOwner: string;
  /** Where the change request lives: it says how to approve it there. */
  tracker: PlanTarget;
  /** The ticket of an item id, if the record's tickets were found. */
  ticketOf?: (itemId: string) => TicketRef | undefined;
};

/** How the approval owner approves on the change request itself, in each tracker's own words. */
const APPROVE_HERE: Record<PlanTarget, string> = {
  jira: 'move this issue to Done / Approved',
  asana: 'mark this task complete',
};

/** One line for a ticket's summary: what the change does, in counts. */
export function changeHeadline(change: ChangeSet): string {
  const parts = [
    change.added.length && `${change.added.length} added`,
    change.removed.length && `${change.removed.length} descoped`,
    change.changed.length && `${change.changed.length} changed`,
  ].filter((p): p is string => typeof p === 'string');
  return `Change request: ${change.title} (${parts.length ? parts.join(', ') : 'record only'})`;
}

/**
 * The change as a person reads it on the change-request ticket (and the CLI prints it): who
 * proposed it, who must approve it and how, then each ticket added, descoped or changed, and
 * the record-level moves behind them.
 */
export function renderChange(change: ChangeSet, ctx: ChangeContext): RichText {
  const ticket = (itemId: string, summary: string): Inline[] => {
    const found = ctx.ticketOf?.(itemId);
    return found ? [link(found.key, found.url), text(` ${summary}`)] : [text(summary)];
  };
  const short = (itemId: string) => itemId.split('/').slice(1).join('/');
  const doc: RichText = [
    paragraph(
      strong('Proposed change to the handoff '),
      text(`"${change.title}" (${change.recordId}), by ${ctx.proposedBy}. `),
      text(
        `Nothing changes until ${ctx.approvalOwner} (approval owner) approves: ` +
          `${APPROVE_HERE[ctx.tracker]}, or approve it in Handoff.`,
      ),
    ),
  ];
  const section = (title: string, items: Inline[][]) => {
    if (items.length) doc.push(heading(title), bullets(items));
  };
  section(
    'Added',
    change.added.map((a) => [
      strong(a.summary),
      text(
        ` — ${a.assignee ?? 'unassigned'}, due ` +
          `${a.due ?? 'no date'}${a.blocks.length ? `, blocks ${a.blocks.map(short).join(', ')}` : ''}`,
      ),
    ]),
  );
  section(
    'Descoped (labelled, never deleted)',
    change.removed.map((r) => [...ticket(r.itemId, r.summary), text(` — ${r.why}`)]),
  );
  section(
    'Changed',
    change.changed.map((c) => [...ticket(c.itemId, c.summary), text(`: ${fieldMoves(c, short).join('; ')}`)]),
  );
  section(
    'Milestones',
    change.milestones.map((m) => [text(`${m.name}: ${arrow(m)}`)]),
  );
  section(
    'Scope',
    change.scope.map((s) => [text(`"${s.text}": ${arrow({ from: listName(s.from), to: listName(s.to) })}`)]),
  );
  section(
    'Exclusions',
    change.exclusions.map((e) => [
      text(e.change === 'excluded' ? `${e.title}: excluded — ${e.reason}` : `${e.title}: taken back into scope`),
    ]),
  );
  section(
    'Owners',
    change.owners.map((o) => [text(`${o.role}: ${arrow(o)}`)]),
  );
  if (change.fields.length) doc.push(paragraph(text(`Record fields changed: ${change.fields.join(', ')}.`)));
  doc.push(
    paragraph(
      text(
        `Change ${change.id.slice(0, 12)}, from plan ` +
          `${change.basePlanHash.slice(0, 12)} to ${change.proposedPlanHash.slice(0, 12)}.`,
      ),
    ),
  );
  return doc;
}

function fieldMoves(c: ItemChange, short: (itemId: string) => string): string[] {
  return [
    c.summaryChange && `summary "${c.summaryChange.from}" → "${c.summaryChange.to}"`,
    c.due && `due ${arrow(c.due)}`,
    c.assignee && `owner ${arrow(c.assignee)}`,
    c.blocksAdded.length && `now blocks ${c.blocksAdded.map(short).join(', ')}`,
    c.blocksRemoved.length && `no longer blocks ${c.blocksRemoved.map(short).join(', ')}`,
  ].filter((m): m is string => typeof m === 'string');
}

function arrow(move: Move<string | null>): string {
  return `${move.from ?? '—'} → ${move.to ?? '—'}`;
}

function listName(list: ScopeList | null): string | null {
  return list === null ? null : { included: 'included', excluded: 'excluded', changeControl: 'change control' }[list];
}
