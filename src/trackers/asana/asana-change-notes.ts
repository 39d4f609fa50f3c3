import { changeStateSchema, type ChangeState } from '../../provision/change-types';
import { lastMatch } from './asana-notes';

/**
 * A change-request task's notes: the change as a person reads it, then — under a line asking
 * people to leave it be — the payload parts and, with a personal access token (which cannot
 * see `external` data), the machine state as one base64 line. Only what follows the *last*
 * divider is read as data: the description is a person's text and may quote the divider or a
 * data line (a change request copied from another), which must not pose as this one's.
 */
const DIVIDER = '— Handoff keeps the data of this change request below; please leave it as it is —';
const STATE_LINE = /^handoff-change: (\S+)$/gm;
const PART_LINE = /^handoff-change-payload: (\S+)$/gm;

export function changeNotes(description: string, payload: readonly string[], state: ChangeState | null): string {
  return [
    description,
    '',
    DIVIDER,
    ...(state ? [stateLine(state)] : []),
    ...payload.map((part) => `handoff-change-payload: ${part}`),
  ].join('\n');
}

/** The notes with their state line replaced (a personal access token's way to record an outcome). */
export function withState(notes: string, state: ChangeState): string {
  const at = dataStart(notes);
  return notes.slice(0, at) + notes.slice(at).replace(STATE_LINE, stateLine(state));
}

export function stateInNotes(notes: string | undefined): ChangeState | null {
  const match = lastMatch(STATE_LINE, dataOf(notes));
  return match ? parseState(Buffer.from(match[1] ?? '', 'base64url').toString('utf8')) : null;
}

export function payloadInNotes(notes: string | undefined): string[] {
  return [...dataOf(notes).matchAll(PART_LINE)].map((m) => m[1] ?? '');
}

/** Where the data begins: after the last divider line (notes without one carry no data). */
function dataStart(notes: string): number {
  const divider = notes.lastIndexOf(`\n${DIVIDER}`);
  return divider < 0 ? notes.length : divider + DIVIDER.length + 1;
}

const dataOf = (notes: string | undefined) => (notes ? notes.slice(dataStart(notes)) : '');

/** The state in `external.data` (OAuth), if it is a change request's. */
export function stateInExternal(data: string | null | undefined): ChangeState | null {
  return data ? parseState(data) : null;
}

function stateLine(state: ChangeState): string {
  return `handoff-change: ${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
}

function parseState(json: string): ChangeState | null {
  try {
    const parsed = changeStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
