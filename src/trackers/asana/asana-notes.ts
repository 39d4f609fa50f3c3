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
 * tokens): it is readable, and harmless if someone edits the text above it.
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

const MARKER = /^handoff-item: (\S+) (\S+) plan (\S+)$/m;

export function markerLine(property: HandoffProperty): string {
  return `handoff-item: ${property.recordId} ${property.itemId} plan ${property.planHash}`;
}

/** The property a task's notes carry, if any. */
export function propertyInNotes(notes: string | undefined): HandoffProperty | null {
  const match = notes ? MARKER.exec(notes) : null;
  return match ? { recordId: match[1] ?? '', itemId: match[2] ?? '', planHash: match[3] ?? '' } : null;
}
