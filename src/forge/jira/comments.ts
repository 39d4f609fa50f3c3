import type { Problem } from '../../domain/problem';
import type { AdfDocument } from '../../trackers/jira/adf';
import type { Journal, RunOutcome } from '../queue/journal';
import { counted } from '../../domain/words';

type Block = AdfDocument['content'][number];
type Inline = Extract<Block, { type: 'paragraph' }>['content'][number];

/** A comment lists this many issues at most; the Handoff page has the rest. */
const LISTED = 50;

const text = (value: string): Inline => ({ type: 'text', text: value });
const link = (value: string, href: string): Inline => ({
  type: 'text',
  text: value,
  marks: [{ type: 'link', attrs: { href } }],
});
const strong = (value: string): Inline => ({ type: 'text', text: value, marks: [{ type: 'strong' }] });
// Jira refuses empty text nodes.
const paragraph = (...content: Inline[]): Block => ({
  type: 'paragraph',
  content: content.filter((c) => c.text.length > 0),
});
const bullets = (items: Inline[][]): Block => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content: [paragraph(...content)] })),
});
const doc = (...content: Block[]): AdfDocument => ({ type: 'doc', version: 1, content });

/** Kickoff came but the gate says not yet: every blocker with its field, and that nothing was created. */
export function blockersComment(title: string, blockers: readonly Problem[]): AdfDocument {
  return doc(
    paragraph(
      strong('Handoff: not yet. '),
      text(
        `Kickoff was reached, but "${title}" is not ready, so nothing ` +
          `was created. Fix these and move the issue to kickoff again:`,
      ),
    ),
    bullets(blockers.map((b) => [strong(`${b.path}: `), text(b.message)])),
  );
}

/** A finished run: counts, then the issues with links (the parent first, as the plan orders them). */
export function outcomeComment(journal: Journal, outcome: RunOutcome, itemUrl: (key: string) => string): AdfDocument {
  const issues = [
    ...outcome.created.map((i) => ({ ...i, how: 'created' })),
    ...outcome.existing.map((i) => ({ ...i, how: 'already there' })),
  ];
  const more = issues.length - LISTED;
  return doc(
    paragraph(
      strong('Handoff provisioned. '),
      text(
        `"${journal.title}": ${counted(outcome.created.length, 'issue')} created, ${outcome.existing.length} ` +
          `already there, ${outcome.failed.length} failed; ${counted(outcome.links.created, 'link')} created.`,
      ),
    ),
    ...(issues.length
      ? [bullets(issues.slice(0, LISTED).map((i) => [link(i.key, itemUrl(i.key)), text(` ${i.how} (${i.itemId})`)]))]
      : []),
    ...(more > 0 ? [paragraph(text(`…and ${more} more: see the Handoff page of this project.`))] : []),
    ...(outcome.failed.length
      ? [
          paragraph(strong('Failed: ')),
          bullets(outcome.failed.slice(0, LISTED).map((f) => [strong(`${f.itemId}: `), text(f.error)])),
        ]
      : []),
  );
}

/** A run that stopped: why, and that what exists is kept. */
export function failureComment(title: string, reason: string): AdfDocument {
  return doc(
    paragraph(
      strong('Handoff could not finish provisioning. '),
      text(`"${title}": ${reason} What was created is kept; provision again from the Handoff page to finish.`),
    ),
  );
}
