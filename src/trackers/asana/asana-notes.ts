import type { Description } from '../../domain/plan/plan';
import type { HandoffProperty } from '../../provision/tracker';

/** The overview task stands for the parent item ("Handoff: <title>") under a name of its own. */
const OVERVIEW_PREFIX = 'About this handoff: ';
export const overviewName = (summary: string) => `${OVERVIEW_PREFIX}${summary.replace(/^Handoff: /, '')}`;
export const overviewSummary = (name: string) =>
  name.startsWith(OVERVIEW_PREFIX) ? `Handoff: ${name.slice(OVERVIEW_PREFIX.length)}` : name;

/**
 * Task notes as plain text (Asana links URLs in notes by itself). The last line is the marker
 * that finds the task again when the token cannot see `external` data (personal access
 * tokens): it is readable, and harmless if someone edits the text above it — or if that text
 * itself contains a marker line, since the last one is read (`propertyInNotes`).
 */
export function notesFor(description: Description, property: HandoffProperty): string {
  const lines: string[] = [];
  if (description.detail) lines.push(description.detail, '');
  if (description.source)
    lines.push(
      `Promised in: ${description.source.label}${description.source.url ? ` — ${description.source.url}` : ''}`,
    );
  for (const fact of description.facts) lines.push(`${fact.label}: ${fact.value}${fact.url ? ` — ${fact.url}` : ''}`);
  lines.push('', `Part of the handoff "${description.handoff.title}", provisioned by Handoff.`, markerLine(property));
  return lines.join('\n');
}

const MARKER = /^handoff-item: (\S+) (\S+) plan (\S+)$/gm;
const RECORD_MARKER = /^handoff-record: (\S+)$/gm;

export function markerLine(property: HandoffProperty): string {
  return `handoff-item: ${property.recordId} ${property.itemId} plan ${property.planHash}`;
}

/** The line of a project's notes that says which record it is for; written after all the record's text. */
export function recordMarkerLine(recordId: string): string {
  return `handoff-record: ${recordId}`;
}

/**
 * The property a task's notes carry, if any. Handoff writes its marker after every line of the
 * record's text, so the *last* marker line is Handoff's: a promise whose detail quotes a marker
 * (copied from another task, say) cannot pose as one and make its task look like another item.
 */
export function propertyInNotes(notes: string | undefined): HandoffProperty | null {
  const match = lastMatch(MARKER, notes);
  return match ? { recordId: match[1] ?? '', itemId: match[2] ?? '', planHash: match[3] ?? '' } : null;
}

/** The record a project's notes name, if any: the last marker line, for the reason above. */
export function recordInNotes(notes: string | undefined): string | null {
  return lastMatch(RECORD_MARKER, notes)?.[1] ?? null;
}

/** The last match of a global, multiline pattern: Handoff's machine lines always come after the people's text. */
export function lastMatch(pattern: RegExp, text: string | undefined): RegExpMatchArray | null {
  return text ? ([...text.matchAll(pattern)].at(-1) ?? null) : null;
}
