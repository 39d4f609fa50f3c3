/**
 * Structured text the core writes (a change request's description, a transition note, a
 * decision comment) without knowing the tracker: Jira's adapter renders it as ADF, Asana's as
 * plain text, the CLI as Markdown. Three kinds of block are all these texts need.
 */
export type Inline = { text: string; href?: string; strong?: boolean };
export type Block =
  { type: 'heading'; text: string } | { type: 'paragraph'; content: Inline[] } | { type: 'bullets'; items: Inline[][] };
export type RichText = Block[];

export const text = (value: string): Inline => ({ text: value });
export const strong = (value: string): Inline => ({ text: value, strong: true });
export const link = (value: string, href: string): Inline => ({ text: value, href });
export const heading = (value: string): Block => ({ type: 'heading', text: value });
export const paragraph = (...content: Inline[]): Block => ({
  type: 'paragraph',
  content: content.filter((c) => c.text.length > 0),
});
export const bullets = (items: Inline[][]): Block => ({ type: 'bullets', items });

/** Markdown, for the CLI: links as `[text](url)`, strong as `**text**`. */
export function toMarkdown(doc: RichText): string {
  const inline = (i: Inline) => {
    const escaped = i.text.replace(/([\\`*_[\]])/g, '\\$1');
    // `**bold **` is not bold in Markdown: spaces go outside the markers.
    const marked = i.strong ? escaped.replace(/^(\s*)(.*?)(\s*)$/s, '$1**$2**$3') : escaped;
    return i.href ? `[${marked}](${i.href})` : marked;
  };
  return `${doc
    .map((block) => {
      if (block.type === 'heading') return `## ${block.text}`;
      if (block.type === 'paragraph') return block.content.map(inline).join('');
      return block.items.map((item) => `- ${item.map(inline).join('')}`).join('\n');
    })
    .join('\n\n')}\n`;
}

/** Plain text, for trackers without rich text in the field used (Asana notes and comments link URLs themselves). */
export function toPlainText(doc: RichText): string {
  const inline = (i: Inline) => (i.href && i.href !== i.text ? `${i.text} (${i.href})` : i.text);
  return doc
    .map((block) => {
      if (block.type === 'heading') return block.text.toUpperCase();
      if (block.type === 'paragraph') return block.content.map(inline).join('');
      return block.items.map((item) => `• ${item.map(inline).join('')}`).join('\n');
    })
    .join('\n\n');
}
