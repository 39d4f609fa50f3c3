import { describeDay, inTrackerRange, parseIsoDay, type Day } from './calendar';
import { addBusinessDays, mergeBlackouts, type Blackouts } from './business-days';
import { BUILT_IN_ANCHORS, parseDateExpression, type DateExpression } from './date-expression';
import type { HandoffRecord } from '../record/record';
import type { Problem } from '../problem';

/**
 * The record's calendar: every anchor (contract start, kickoff, go-live, milestones) resolved
 * to a day, and the blackout periods that business days skip.
 */
export type Timeline = {
  /** Anchor name → day; null where the anchor is known but has no date yet. */
  anchors: ReadonlyMap<string, Day | null>;
  blackouts: Blackouts;
  /** Expression → day: records repeat expressions such as `kickoff+10bd` across many items. */
  resolved: Map<string, Day | null>;
};

type AnchorSource = { path: string; expression: string | undefined };

function anchorSources(record: HandoffRecord): Map<string, AnchorSource> {
  const sources = new Map<string, AnchorSource>([
    ['contractStart', { path: 'deal.contract.start', expression: record.deal?.contract.start }],
    ['kickoff', { path: 'timeline.kickoff', expression: record.timeline?.kickoff }],
    ['goLive', { path: 'timeline.goLive', expression: record.timeline?.goLive }],
  ]);
  record.timeline?.milestones?.forEach((m, i) => {
    sources.set(m.id, { path: `timeline.milestones[${i}].due`, expression: m.due });
  });
  return sources;
}

export function blackoutRanges(record: HandoffRecord): Blackouts {
  return mergeBlackouts(
    (record.timeline?.blackouts ?? []).flatMap((b) => {
      const from = parseIsoDay(b.from);
      const to = parseIsoDay(b.to);
      return from === null || to === null ? [] : [{ from, to }];
    }),
  );
}

/**
 * Resolves every anchor, reporting cycles with the path that causes them. Reading a record, its
 * gate and its plan each ask for the same record's timeline; a record is never mutated once read,
 * so one resolution per record serves all, and so does its cache of resolved expressions.
 */
export function resolveTimeline(record: HandoffRecord): { timeline: Timeline; problems: readonly Problem[] } {
  const known = timelines.get(record);
  if (known) return known;
  const resolved = computeTimeline(record);
  timelines.set(record, resolved);
  return resolved;
}

const timelines = new WeakMap<HandoffRecord, { timeline: Timeline; problems: readonly Problem[] }>();

function computeTimeline(record: HandoffRecord): { timeline: Timeline; problems: Problem[] } {
  const sources = anchorSources(record);
  const blackouts = blackoutRanges(record);
  const anchors = new Map<string, Day | null>();
  const problems: Problem[] = [];
  const dayOf = (name: string): Day | null => anchors.get(name) ?? null;

  // Depth first with a stack of its own: a chain of thousands of milestones, each hanging on
  // the next, would exhaust the call stack if each anchor recursed into the one it hangs on.
  const resolveAnchor = (start: string): void => {
    const chain = [start];
    const onChain = new Set(chain);
    const finish = () => {
      const done = chain.pop();
      if (done !== undefined) onChain.delete(done);
    };
    for (let name = chain.at(-1); name !== undefined; name = chain.at(-1)) {
      const source = sources.get(name);
      if (anchors.has(name) || !source?.expression) {
        finish();
        continue;
      }
      const parsed = parseDateExpression(source.expression);
      const next = parsed?.kind === 'relative' ? parsed.anchor : null;
      if (next !== null && !anchors.has(next) && sources.get(next)?.expression) {
        if (!onChain.has(next)) {
          chain.push(next);
          onChain.add(next);
          continue;
        }
        // `next` is still being resolved: a circle. It is said at `next`, which then resolves to no date.
        const cycle = [...chain.slice(chain.indexOf(next)), next].join(' → ');
        problems.push({
          path: sources.get(next)?.path ?? source.path,
          message: `dates refer to each other in a circle: ${cycle}`,
        });
      }
      let day = parsed ? applyExpression(parsed, dayOf, blackouts) : null;
      if (day !== null && !inTrackerRange(day)) {
        // An absolute date outside the range is refused by the record's schema, at the same field.
        if (isRelative(source.expression)) problems.push({ path: source.path, message: outOfRange(day) });
        // Dates hanging on it are not said again: this one is the field to fix.
        day = null;
      }
      anchors.set(name, day);
      finish();
    }
  };

  for (const name of sources.keys()) resolveAnchor(name);
  return { timeline: { anchors, blackouts, resolved: new Map() }, problems };
}

export const isRelative = (expression: string): boolean => !/^\d/.test(expression);

/** Why a date that resolved outside what the trackers take is refused. */
export function outOfRange(day: Day): string {
  return `lands on ${describeDay(day)}, outside the years 1900–9999 that Jira and Asana take for a date`;
}

/** Every name a relative date may hang on: the built-in anchors and the milestone ids. */
export function knownAnchors(record: HandoffRecord): string[] {
  return [...BUILT_IN_ANCHORS, ...(record.timeline?.milestones ?? []).map((m) => m.id)];
}

export function applyExpression(
  expression: DateExpression,
  anchorDay: (name: string) => Day | null,
  blackouts: Blackouts,
): Day | null {
  if (expression.kind === 'absolute') return expression.day;
  const base = anchorDay(expression.anchor);
  if (base === null) return null;
  if (expression.unit === 'bd') return addBusinessDays(base, expression.offset, blackouts);
  return base + expression.offset * (expression.unit === 'w' ? 7 : 1);
}

/** Resolves one item's date on a resolved timeline; null when its anchor has no date yet. */
export function resolveDate(text: string, timeline: Timeline): Day | null {
  const known = timeline.resolved.get(text);
  if (known !== undefined) return known;
  const parsed = parseDateExpression(text);
  const day = parsed ? applyExpression(parsed, (name) => timeline.anchors.get(name) ?? null, timeline.blackouts) : null;
  timeline.resolved.set(text, day);
  return day;
}

/** Which anchor a relative date hangs on, so a missing one can be named. */
export function anchorOf(text: string): string | null {
  const parsed = parseDateExpression(text);
  return parsed?.kind === 'relative' ? parsed.anchor : null;
}
