import type { Problem } from '../domain/problem';
import { bullets, link, paragraph, strong, text, type RichText } from '../domain/rich-text';
import { counted } from '../domain/words';
import type { ProvisionReport } from '../provision/report';

/** A comment lists this many tasks at most: Asana stories are for people, not inventories. */
const LISTED = 50;

/** The gate said not yet: every blocker at its field, and that nothing was created (as Jira's kickoff says). */
export function blockersStory(title: string, blockers: readonly Problem[]): RichText {
  return [
    paragraph(
      strong('Handoff: not yet. '),
      text(`"${title}" is not ready, so nothing was created. Fix these in the record, then run the action again:`),
    ),
    bullets(blockers.map((b) => [strong(`${b.path}: `), text(b.message)])),
  ];
}

/** A finished run: created / existing / failed, each task with its link. */
export function outcomeStory(title: string, report: ProvisionReport, taskUrl: (gid: string) => string): RichText {
  const tasks = [
    ...report.created.map((i) => ({ ...i, how: 'created' })),
    ...report.existing.map((i) => ({ ...i, how: 'already there' })),
  ];
  const more = tasks.length - LISTED;
  const failed = [
    ...report.failed.map((f) => [strong(`${f.itemId}: `), text(f.error)]),
    ...report.links.failed.map((l) => [strong(`${l.blocker} → ${l.blocked}: `), text(l.error)]),
  ];
  return [
    paragraph(
      strong(failed.length ? 'Handoff provisioned, with failures. ' : 'Handoff provisioned. '),
      text(
        `"${title}": ${counted(report.created.length, 'task')} created, ${report.existing.length} already there, ` +
          `${report.failed.length} failed; ${counted(report.links.created, 'dependency', 'dependencies')} created.`,
      ),
    ),
    ...(tasks.length
      ? [bullets(tasks.slice(0, LISTED).map((t) => [link(t.itemId, taskUrl(t.key)), text(` ${t.how}`)]))]
      : []),
    ...(more > 0 ? [paragraph(text(`…and ${more} more in the project.`))] : []),
    ...(failed.length
      ? [
          paragraph(strong('Failed: '), text('run the action again to finish; what exists is kept.')),
          bullets(failed.slice(0, LISTED)),
        ]
      : []),
  ];
}

/** A run that stopped before its report: why, and that what exists is kept. */
export function failureStory(title: string, reason: string): RichText {
  return [
    paragraph(
      strong('Handoff could not provision. '),
      text(`"${title}": ${reason} What was created is kept; run the action again to finish.`),
    ),
  ];
}
