import { bullets, link, paragraph, strong, text, type Inline, type RichText } from '../../domain/rich-text';

type Applied = {
  provision: { created: Array<{ itemId: string; key: string }> };
  updated: Array<{ itemId: string; key: string }>;
  descoped: Array<{ itemId: string; key: string }>;
  linksRemoved: number;
};

/** Tickets a comment lists at most; the rest is counted. */
const LISTED = 50;

/** The comment on a change request once applied: who, and every ticket created, changed or descoped. */
export function appliedComment(report: Applied, by: string, itemUrl: (key: string) => string): RichText {
  const list = (what: string, items: Array<{ itemId: string; key: string }>): Inline[][] =>
    items
      .slice(0, LISTED)
      .map((i) => [link(i.key, itemUrl(i.key)), text(` ${what} (${i.itemId.split('/').slice(1).join('/')})`)]);
  const rows = [
    ...list('created', report.provision.created),
    ...list('updated', report.updated),
    ...list('descoped', report.descoped),
  ];
  return [
    paragraph(
      strong('Applied '),
      text(
        `by ${by}: ${report.provision.created.length} ticket(s) created, ${report.updated.length} updated, ` +
          `${report.descoped.length} descoped, ${report.linksRemoved} link(s) removed. Nothing was deleted.`,
      ),
    ),
    ...(rows.length ? [bullets(rows)] : []),
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
