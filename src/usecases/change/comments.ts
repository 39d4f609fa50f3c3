import { bullets, link, paragraph, strong, text, type Inline, type RichText } from '../../domain/rich-text';
import { appliedMarker, markerLine } from '../../domain/change/comment-marker';
import type { ChangeTickets } from './updates';
import { counted } from '../../domain/words';

/** Tickets a comment lists at most; the rest is counted. */
const LISTED = 50;

/**
 * The comment on a change request once applied: who, and every ticket the change added,
 * changed or descoped — the whole change, whichever run did which part — then its marker.
 */
export function appliedComment(
  key: string,
  tickets: ChangeTickets,
  by: string,
  itemUrl: (key: string) => string,
): RichText {
  const list = (what: string, items: Array<{ itemId: string; key: string }>): Inline[][] =>
    items
      .slice(0, LISTED)
      .map((i) => [link(i.key, itemUrl(i.key)), text(` ${what} (${i.itemId.split('/').slice(1).join('/')})`)]);
  const rows = [
    ...list('added', tickets.added),
    ...list('updated', tickets.updated),
    ...list('descoped', tickets.descoped),
  ];
  return [
    paragraph(
      strong('Applied '),
      text(
        `by ${by}: ${counted(tickets.added.length, 'ticket')} added, ${tickets.updated.length} updated, ` +
          `${tickets.descoped.length} descoped, ${counted(tickets.linksRemoved, 'link')} removed. Nothing was deleted.`,
      ),
    ),
    ...(rows.length ? [bullets(rows)] : []),
    markerLine(appliedMarker(key)),
  ];
}

/** The comment on a change request that was rejected: who and why. */
export function rejectedComment(by: string, reason: string): RichText {
  return [paragraph(strong('Rejected '), text(`by ${by}: ${reason}. Nothing was changed.`))];
}

/** The comment on a change request moved to an approving status by someone other than its approval owner. */
export function notAppliedComment(ownerEmail: string, status: string): RichText {
  return [
    paragraph(
      strong('Not applied. '),
      text(
        `Only ${ownerEmail} (the approval owner) can approve this change; it was moved ` +
          `to ${status} by someone else. Move it back, and ask ${ownerEmail} to approve it.`,
      ),
    ),
  ];
}
