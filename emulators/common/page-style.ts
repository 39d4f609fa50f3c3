import { raw } from 'hono/html';

/**
 * What the local Jira's and the local Asana's pages for people share: a readable column,
 * definition lists, comments, and the reader's light or dark scheme. Trusted text of ours,
 * so put in as it is (a selector's `>` must not be escaped).
 */
export const PAGE_STYLE = raw(`
  :root { color-scheme: light dark; }
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0 0 0.5rem; }
  .comment { border-left: 3px solid #ddd; padding-left: 0.75rem; margin: 0.75rem 0; }
`);
