import { buildPlan } from '../plan/plan';
import { ownerEmail, personName } from '../record/people';
import type { HandoffRecord } from '../record/record';
import { bullets, heading, link, paragraph, strong, text, type Inline, type RichText } from '../rich-text';
import type { TicketRef } from './change-render';
import { markerLine } from './comment-marker';
import { counted, ticketNoun } from '../words';
import type { PlanTarget } from '../plan/plan-types';

export type Transfer = { from: string; to: string };

/** Next actions listed in a generated note: the handful a new owner does first. */
const NEXT_ACTIONS = 5;

/**
 * "Require a written transition note: one page is often enough if it includes risks, next
 * actions, and who to contact for edge cases." The record's own `transfer.note` when it is
 * about this hand-over; otherwise one written from the record.
 */
export function transitionNote(record: HandoffRecord, transfer: Transfer): RichText {
  const written = record.transfer;
  if (written?.note && written.from === transfer.from && written.to === transfer.to) {
    return [
      paragraph(text(written.note)),
      ...(written.relationshipContext
        ? [paragraph(strong('Relationship context: '), text(written.relationshipContext))]
        : []),
    ];
  }
  const plan = buildPlan(record, { target: 'jira' });
  const open = plan.items
    .filter((i) => i.kind !== 'parent' && i.due !== null)
    .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  const risks = (record.risks ?? []).filter((r) => !r.accepted);
  const contacts: Inline[][] = [
    ...(['escalation', 'approval-owner', 'delivery-owner'] as const).flatMap((role) => {
      const email = ownerEmail(record, role);
      return email ? [[text(`${role}: ${email}`)]] : [];
    }),
    ...(record.customer.contacts ?? [])
      .filter((c) => c.roles.some((r) => r === 'day-to-day-owner' || r === 'technical-owner'))
      .map((c) => [text(`${c.name} <${c.email}> (${c.roles.join(', ')})`)]),
  ];
  return [
    paragraph(
      text(
        `${personName(record, transfer.from)} hands "${record.title}" ` +
          `over to ${personName(record, transfer.to)}. Written by ` +
          `Handoff from the record: read it, then talk to the people below.`,
      ),
    ),
    ...(risks.length
      ? [
          heading('Risks'),
          bullets(
            risks.map((r) => [
              strong(`${r.severity}: `),
              text(`${r.title}${r.mitigation ? ` — ${r.mitigation}` : ''}`),
            ]),
          ),
        ]
      : []),
    ...(open.length
      ? [heading('Next actions'), bullets(open.slice(0, NEXT_ACTIONS).map((i) => [text(`${i.due}: ${i.summary}`)]))]
      : []),
    ...(contacts.length ? [heading('Who to ask'), bullets(contacts)] : []),
  ];
}

/** The comment each moved ticket gets: who it moved from and to, then the note. */
export function transferItemComment(transfer: Transfer, note: RichText): RichText {
  return [paragraph(strong('Owner transfer: '), text(`this moved from ${transfer.from} to ${transfer.to}.`)), ...note];
}

/** The one summary comment on the handoff's parent ticket: every ticket moved, the note, then its marker. */
export function transferSummaryComment(
  tracker: PlanTarget,
  transfer: Transfer,
  moved: readonly (TicketRef & { summary: string })[],
  note: RichText,
  marker: string,
): RichText {
  return [
    paragraph(
      strong('Owner transfer: '),
      text(`${counted(moved.length, `open ${ticketNoun(tracker)}`)} moved from ${transfer.from} to ${transfer.to}.`),
    ),
    ...(moved.length ? [bullets(moved.map((m) => [link(m.key, m.url), text(` ${m.summary}`)]))] : []),
    heading('Transition note'),
    ...note,
    markerLine(marker),
  ];
}
