import { hash } from 'ohash';
import { paragraph, text, type Block } from '../rich-text';

/*
 * The last line of a comment Handoff posts once a piece of work is done: a run that finishes
 * what a killed one began reads the item's comments and posts the comment only when no comment
 * carries its marker yet — so it is posted exactly once, whichever run gets there.
 */

export function markerLine(marker: string): Block {
  return paragraph(text(marker));
}

/** Whether a comment read back (as plain text) carries `marker`. */
export function carries(comment: string, marker: string): boolean {
  return comment.includes(marker);
}

/** The marker of the "applied" comment on a change request. */
export function appliedMarker(key: string): string {
  return `[handoff: ${key} applied]`;
}

const TRANSFER = '[handoff: owner transfer ';

/**
 * The marker of a transfer's summary on the parent: the two people and a fingerprint of the
 * tickets it lists, so the same hand-over summarised again is recognised, and a later one
 * (back, or with other tickets) is not.
 */
export function transferMarker(transfer: { from: string; to: string }, keys: readonly string[]): string {
  return `${TRANSFER}${transfer.from} → ${transfer.to}, ${hash([...keys].sort()).slice(0, 10)}]`;
}

/** Whether the newest transfer summary among `comments` (oldest first) carries `marker`. */
export function lastTransferIs(comments: readonly string[], marker: string): boolean {
  const last = [...comments].reverse().find((c) => c.includes(TRANSFER));
  return last !== undefined && carries(last, marker);
}
