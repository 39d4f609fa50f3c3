import { z } from 'zod';
import type { Description } from '../../domain/plan/plan';
import type { Inline as RichInline, RichText } from '../../domain/rich-text';
import { fitForJira } from './adf-fit';

import type { AdfDocument, Block, Inline, Mark } from './adf-types';

export type { AdfDocument } from './adf-types';

const text = (value: string, marks?: Mark[]): Inline =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: Inline[]): Block => ({
  type: 'paragraph',
  content: content.filter((c) => c.text.length > 0),
});

/** A plan item's structured description as an ADF document. */
export function descriptionToAdf(description: Description): AdfDocument {
  const content: Block[] = [];
  if (description.detail) content.push(paragraph(text(description.detail)));
  if (description.source) {
    const { label, url } = description.source;
    content.push(
      paragraph(
        text('Promised in: ', [{ type: 'strong' }]),
        url ? text(label, [{ type: 'link', attrs: { href: url } }]) : text(label),
      ),
    );
  }
  if (description.facts.length) {
    content.push({
      type: 'bulletList',
      content: description.facts.map((fact) => ({
        type: 'listItem',
        content: [
          paragraph(
            text(`${fact.label}: `, [{ type: 'strong' }]),
            fact.url ? text(fact.value, [{ type: 'link', attrs: { href: fact.url } }]) : text(fact.value),
          ),
        ],
      })),
    });
  }
  content.push(
    paragraph(
      text(
        `Part of the handoff "${description.handoff.title}" (${description.handoff.recordId}), provisioned by Handoff.`,
      ),
    ),
  );
  return { type: 'doc', version: 1, content };
}

/** The core's structured text (a change request, a transition note, a decision) as ADF, within Jira's limit. */
export function richTextToAdf(doc: RichText): AdfDocument {
  const inline = (i: RichInline): Inline => {
    const marks: Mark[] = [];
    if (i.strong) marks.push({ type: 'strong' });
    if (i.href) marks.push({ type: 'link', attrs: { href: i.href } });
    return text(i.text, marks.length ? marks : undefined);
  };
  const content = doc.map((block): Block => {
    if (block.type === 'heading') return { type: 'heading', attrs: { level: 3 }, content: [text(block.text)] };
    if (block.type === 'paragraph') return paragraph(...block.content.map(inline));
    return {
      type: 'bulletList',
      content: block.items.map((item) => ({ type: 'listItem', content: [paragraph(...item.map(inline))] })),
    };
  });
  return fitForJira({ type: 'doc', version: 1, content });
}

/**
 * The text an ADF document holds, a line per block: how a comment read back is searched for
 * what Handoff wrote in it. Any node Jira adds (mentions, emoji, cards) counts only by its text.
 */
export function adfToText(node: unknown): string {
  const parsed = adfNode.safeParse(node);
  if (!parsed.success) return '';
  const { type, text: value, content } = parsed.data;
  if (value !== undefined) return value;
  return (content ?? []).map(adfToText).join(type === 'paragraph' || type === 'heading' ? '' : '\n');
}

const adfNode = z.object({
  type: z.string().optional(),
  text: z.string().optional(),
  content: z.array(z.unknown()).optional(),
});
