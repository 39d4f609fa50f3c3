/** Atlassian Document Format, the subset a description needs. Text nodes make any HTML inert. */
export type Mark = { type: 'link'; attrs: { href: string } } | { type: 'strong' };
export type Inline = { type: 'text'; text: string; marks?: Mark[] };
export type Block =
  | { type: 'heading'; attrs: { level: number }; content: Inline[] }
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'bulletList'; content: { type: 'listItem'; content: Block[] }[] };
export type AdfDocument = { type: 'doc'; version: 1; content: Block[] };
