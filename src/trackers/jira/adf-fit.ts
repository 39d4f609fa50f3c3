import type { AdfDocument, Block, Inline } from './adf-types';
import { JIRA_TEXT_LIMIT } from '../../domain/plan/tracker-limits';

type BulletList = Extract<Block, { type: 'bulletList' }>;

const size = (value: unknown): number => JSON.stringify(value).length;
/** Room kept for the sentence that says what was left out. */
const NOTE_ROOM = 300;

/**
 * A document Handoff writes (a change request listing hundreds of changed tickets, a summary
 * of a large transfer) kept within what Jira holds in a description or a comment: the longest
 * lists lose items from their end, and a sentence after each says how many and why, so
 * nothing is cut silently and the request is never refused as too long. A paragraph longer than
 * the limit on its own (a reason pasted in) is cut the same way, with the same sentence.
 */
export function fitForJira(doc: AdfDocument): AdfDocument {
  let excess = size(doc) - JIRA_TEXT_LIMIT;
  if (excess <= 0) return doc;
  excess += NOTE_ROOM;
  const content = [...doc.content];
  const lists = content
    .map((block, index) => ({ block, index }))
    .filter((entry): entry is { block: BulletList; index: number } => entry.block.type === 'bulletList')
    .sort((a, b) => size(b.block) - size(a.block));
  const notes: Array<{ after: number; left: number }> = [];
  for (const { block, index } of lists) {
    if (excess <= 0) break;
    const items = [...block.content];
    let left = 0;
    while (items.length > 1 && excess > 0) {
      excess -= size(items.pop()) + 1;
      left += 1;
    }
    content[index] = { ...block, content: items };
    if (left > 0) notes.push({ after: index, left });
  }
  for (const { after, left } of notes.sort((a, b) => b.after - a.after))
    content.splice(after + 1, 0, note(`… and ${left} more, left out here`));
  const fitted = { ...doc, content };
  return size(fitted) <= JIRA_TEXT_LIMIT ? fitted : cutLongestText(fitted);
}

function note(what: string): Block {
  return {
    type: 'paragraph',
    content: [{ type: 'text', text: `${what}: Jira holds ${JIRA_TEXT_LIMIT.toLocaleString('en-US')} characters.` }],
  };
}

/** The longest text node, shortened by what is still too much (on whole characters), then the note. */
function cutLongestText(doc: AdfDocument): AdfDocument {
  const excess = size(doc) - JIRA_TEXT_LIMIT + NOTE_ROOM;
  const texts = doc.content.flatMap((block, b) =>
    block.type === 'paragraph' ? block.content.map((inline, i) => ({ b, i, length: inline.text.length })) : [],
  );
  const at = texts.reduce<(typeof texts)[number] | null>((a, t) => (a && a.length >= t.length ? a : t), null);
  if (!at) return doc;
  const content = doc.content.map((block, b): Block => {
    if (b !== at.b || block.type !== 'paragraph') return block;
    const inlines = block.content.map((inline, i): Inline => {
      if (i !== at.i) return inline;
      // JSON may spend two characters on one (a line break, a quote): keep fewer, never half a character.
      const characters = Array.from(inline.text);
      return { ...inline, text: `${characters.slice(0, Math.max(0, characters.length - excess * 2)).join('')}…` };
    });
    return { ...block, content: inlines };
  });
  content.splice(at.b + 1, 0, note('The rest of this text is left out here'));
  return { ...doc, content };
}
