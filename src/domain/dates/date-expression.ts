import { parseIsoDay, type Day } from './calendar';

/**
 * The record's date grammar: an ISO date, or `<anchor>[+|-]<n><unit>` where the anchor is
 * `kickoff`, `goLive`, `contractStart` or a milestone id, and the unit is `d` (calendar
 * days), `bd` (business days: no weekends, no blackout days) or `w` (weeks).
 */
export type DateExpression = Readonly<
  { kind: 'absolute'; day: Day } | { kind: 'relative'; anchor: string; offset: number; unit: DateUnit }
>;

export type DateUnit = 'd' | 'bd' | 'w';

export const BUILT_IN_ANCHORS = ['kickoff', 'goLive', 'contractStart'] as const;

// The anchor is matched lazily so `pilot-5bd` reads as pilot minus five business days,
// while a bare id such as `phase-2` (no unit) still reads as an anchor.
const RELATIVE = /^([A-Za-z][A-Za-z0-9-]*?)(?:([+-])(\d{1,4})(bd|d|w))?$/;

export const DATE_EXPRESSION_HELP =
  'a date is YYYY-MM-DD or <anchor>[+|-]<n><unit> (anchor: kickoff, goLive, ' +
  'contractStart or a milestone id; unit: d, bd, w), e.g. kickoff+10bd';

/**
 * Each text is read once: reading a record checks every date, and its references, its plan and its
 * gate read them again (10,000 items write a few hundred distinct ones). A pure function's answers,
 * shared read-only; the memory is bounded by starting over past MEMO_LIMIT texts.
 */
export function parseDateExpression(text: string): DateExpression | null {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const parsed = readDateExpression(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, parsed);
  return parsed;
}

const MEMO_LIMIT = 50_000;
const memo = new Map<string, DateExpression | null>();

function readDateExpression(text: string): DateExpression | null {
  if (/^\d/.test(text)) {
    const day = parseIsoDay(text);
    return day === null ? null : { kind: 'absolute', day };
  }
  const match = RELATIVE.exec(text);
  if (!match) return null;
  const [, anchor = '', sign, amount, unit] = match;
  if (!unit) return { kind: 'relative', anchor, offset: 0, unit: 'd' };
  const magnitude = Number(amount);
  return { kind: 'relative', anchor, offset: sign === '-' ? -magnitude : magnitude, unit: asUnit(unit) };
}

function asUnit(text: string): DateUnit {
  return text === 'bd' || text === 'w' ? text : 'd';
}
