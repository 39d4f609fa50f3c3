import { isWithin, pathOf, segmentsOf, type Segment } from '../field-path';
import { SECTIONS, type FieldSpec } from '../record/sections';

/**
 * Where a problem's field is, in the lead's words and in the form's order: `promises[2].owner`
 * reads "Promise 3 · Two-way case sync — Owner" and sorts with the promises, after the timeline.
 * `rank` orders problems as the form lists their fields.
 */
export type Place = { label: string; rank: number[] };

const SIGNOFF_TAB = SECTIONS.length;
const ELSEWHERE = SECTIONS.length + 1;

export function placeOf(record: unknown, path: string): Place {
  if (path === '') return { label: 'The whole record', rank: [-1] };
  for (const [s, section] of SECTIONS.entries()) {
    const base: Segment[] = section.base ? section.base.split('.') : [];
    for (const [l, list] of section.lists.entries()) {
      const listSegments = [...base, list.key];
      const segments = segmentsOf(path);
      const index = segments[listSegments.length];
      if (!isWithin(path, pathOf(listSegments)) || typeof index !== 'number') continue;
      const item = valueAt(record, [...listSegments, index]);
      const title = textAt(item, list.titleKey);
      const rest = segments.slice(listSegments.length + 1);
      const [f, field] = fieldAt(list.fields, rest);
      const noun = `${capitalised(list.noun)} ${index + 1}${title ? ` · ${title}` : ''}`;
      return { label: `${noun}${describeRest(field, rest)}`, rank: [s, l + 1, index, f] };
    }
    for (const [f, field] of section.fields.entries()) {
      if (isWithin(path, pathOf([...base, ...field.key.split('.')])))
        return { label: `${section.title} · ${field.label}`, rank: [s, 0, f] };
    }
    if (section.base && isWithin(path, section.base)) {
      const rest = segmentsOf(path).slice(base.length);
      return { label: `${section.title}${describeRest(undefined, rest, ' · ')}`, rank: [s, 0, section.fields.length] };
    }
  }
  const signoff = /^signoffs\.([a-z-]+)(.*)$/.exec(path);
  if (signoff?.[1]) {
    const reason = /blockers\[(\d+)\]/.exec(signoff[2] ?? '')?.[1];
    const what = reason === undefined ? '' : ` — "blocked by" ${Number(reason) + 1}`;
    return { label: `Sign-off · ${capitalised(signoff[1])}${what}`, rank: [SIGNOFF_TAB, 0] };
  }
  return { label: humanised(segmentsOf(path)), rank: [ELSEWHERE] };
}

/** Problems in the order the form shows their fields; problems of one field keep their own order. */
export function inFormOrder<T extends { path: string }>(record: unknown, problems: readonly T[]): T[] {
  const ranked = problems.map((problem, at) => ({ problem, rank: [...placeOf(record, problem.path).rank, at] }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  return ranked.map((r) => r.problem);
}

export function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The list field a path inside an item names, with its position in the form (after the last when unknown). */
function fieldAt(fields: readonly FieldSpec[], rest: readonly Segment[]): [number, FieldSpec | undefined] {
  const restPath = pathOf(rest);
  const at = fields.findIndex((f) => restPath !== '' && isWithin(restPath, f.key));
  return at === -1 ? [fields.length, undefined] : [at, fields[at]];
}

function describeRest(field: FieldSpec | undefined, rest: readonly Segment[], joiner = ' — '): string {
  if (field) return `${joiner}${field.label}`;
  return rest.length === 0 ? '' : `${joiner}${humanised(rest)}`;
}

/** `source.kind` → "Source kind", `blocks[0]` → "Blocks 1": a path the form has no label for, still in words. */
function humanised(segments: readonly Segment[]): string {
  const words = segments.map((s) =>
    typeof s === 'number'
      ? String(s + 1)
      : s
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .replace(/-/g, ' ')
          .toLowerCase(),
  );
  return capitalised(words.join(' '));
}

function capitalised(text: string): string {
  return text.replace(/^./, (c) => c.toUpperCase());
}

function valueAt(value: unknown, segments: readonly Segment[]): unknown {
  let at = value;
  for (const s of segments) {
    if (typeof s === 'number') at = Array.isArray(at) ? at[s] : undefined;
    else at = typeof at === 'object' && at !== null && s in at ? Reflect.get(at, s) : undefined;
  }
  return at;
}

function textAt(item: unknown, key: string): string | null {
  const value = valueAt(item, [key]);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
