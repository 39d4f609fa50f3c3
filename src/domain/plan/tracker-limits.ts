import type { Description } from './plan-types';

/**
 * What Jira Cloud holds, checked before anything is written so a record never fails part-way
 * through provisioning. Jira refuses a summary over 255 characters ("Summary can't exceed 255
 * characters.") and any text field, the description included, over 32,767 ("The entered text
 * is too long. It exceeded the maximum number of characters of 32,767.", JRACLOUD-68949).
 * Asana documents no such limits.
 */
export const JIRA_SUMMARY_LIMIT = 255;
export const JIRA_TEXT_LIMIT = 32_767;

/**
 * Jira does not say whether it counts a description's text or its Atlassian Document JSON, so
 * Handoff counts the text as JSON strings (a line break is two characters) and keeps this much
 * of the limit for the document's structure: a handful of paragraphs and facts need under 1,000.
 */
const DESCRIPTION_STRUCTURE_RESERVE = 2_767;
export const DESCRIPTION_TEXT_BUDGET = JIRA_TEXT_LIMIT - DESCRIPTION_STRUCTURE_RESERVE;

/**
 * What JSON may write as more than itself: a quote, a backslash, a control character (C0 and C1,
 * though only C0 is escaped), a lone surrogate half.
 */
const ESCAPED = /["\\\p{Cc}\p{Cs}]/u;

/** A string's length as JSON text; most need no escape, and then no copy is made to count it. */
const size = (s: string | null | undefined) => (!s ? 0 : ESCAPED.test(s) ? JSON.stringify(s).length : s.length + 2);

/** The characters a description's text takes in the document a tracker stores. */
export function descriptionSize(description: Description): number {
  const { detail, source, facts, handoff } = description;
  return (
    size(detail) +
    size(source?.label) +
    size(source?.url) +
    facts.reduce((sum, f) => sum + size(f.label) + size(f.value) + size(f.url), 0) +
    size(handoff.title) +
    size(handoff.recordId)
  );
}

/** The description fact that keeps a title whole when its summary had to be cut. */
export const FULL_TITLE = 'Full title';

/** A summary is one line in every tracker; where the tracker holds fewer characters it is cut on whole characters. */
export function summaryLine(text: string, limit: number): { summary: string; cut: boolean } {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ');
  if (line.length <= limit) return { summary: line, cut: false };
  let summary = '';
  for (const character of line) {
    if (summary.length + character.length > limit - 1) break;
    summary += character;
  }
  return { summary: `${summary}…`, cut: true };
}
