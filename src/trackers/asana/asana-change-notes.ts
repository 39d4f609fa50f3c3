import { changeStateSchema, type ChangeState } from '../../provision/change-types';

/**
 * A change-request task's notes: the change as a person reads it, then — under a line asking
 * people to leave it be — the payload parts and, with a personal access token (which cannot
 * see `external` data), the machine state as one base64 line.
 */
const DIVIDER = '— Handoff keeps the data of this change request below; please leave it as it is —';
const STATE_LINE = /^handoff-change: (\S+)$/m;
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
  return notes.replace(STATE_LINE, stateLine(state));
}

export function stateInNotes(notes: string | undefined): ChangeState | null {
  const match = notes ? STATE_LINE.exec(notes) : null;
  return match ? parseState(Buffer.from(match[1] ?? '', 'base64url').toString('utf8')) : null;
}

export function payloadInNotes(notes: string | undefined): string[] {
  return [...(notes ?? '').matchAll(PART_LINE)].map((m) => m[1] ?? '');
}

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
