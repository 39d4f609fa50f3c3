import type { z } from 'zod';
import { BUILT_IN_ANCHORS } from '../dates/date-expression';
import { anchorOf, isRelative, knownAnchors, outOfRange, resolveDate, resolveTimeline } from '../dates/timeline';
import { inTrackerRange } from '../dates/calendar';
import { dateFields, trackedLists } from '../dates/date-fields';
import type { HandoffRecord } from './record';

type Issue = { path: (string | number)[]; message: string };

/**
 * Cross-field checks that make a record invalid (not merely "not yet"): ids are unique, every
 * reference points at something, dates hang on real anchors without circles, and nothing
 * contradicts itself.
 */
export function checkReferences(record: HandoffRecord, ctx: z.RefinementCtx): void {
  const issues = [...uniqueIds(record), ...dateAnchors(record), ...links(record), ...contradictions(record)];
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}

/** Ids are unique across lists, so `blocks: [import]` can only mean one thing. */
function uniqueIds(record: HandoffRecord): Issue[] {
  const seen = new Map<string, string>();
  const issues: Issue[] = [];
  const lists: [string, readonly { id: string }[]][] = [
    ['timeline.milestones', record.timeline?.milestones ?? []],
    ...trackedLists(record).map(({ list, items }): [string, readonly { id: string }[]] => [list, items]),
    ['exceptions', record.exceptions ?? []],
  ];
  for (const [list, items] of lists) {
    items.forEach((item, i) => {
      const where = `${list}[${i}]`;
      const first = seen.get(item.id);
      if (BUILT_IN_ANCHORS.some((anchor) => anchor === item.id)) {
        issues.push({
          path: [...split(where), 'id'],
          message: `"${item.id}" is a date anchor name; choose another id`,
        });
      } else if (first) {
        issues.push({
          path: [...split(where), 'id'],
          message: `id "${item.id}" is already used by ${first}; ids must be unique`,
        });
      } else seen.set(item.id, where);
    });
  }
  return issues;
}

function dateAnchors(record: HandoffRecord): Issue[] {
  const known = knownAnchors(record);
  const isKnown = new Set(known);
  const unknown = dateFields(record).flatMap(({ path, expression }) => {
    const anchor = anchorOf(expression);
    if (anchor === null || isKnown.has(anchor)) return [];
    return [{ path: split(path), message: `unknown date anchor "${anchor}": use one of ${known.join(', ')}` }];
  });
  const { timeline, problems } = resolveTimeline(record);
  const said = new Set(problems.map((p) => p.path));
  // A date may hang on anchors that are fine and still land past what the trackers take.
  const outside = dateFields(record).flatMap(({ path, expression }) => {
    const day = said.has(path) || !isRelative(expression) ? null : resolveDate(expression, timeline);
    return day === null || inTrackerRange(day) ? [] : [{ path: split(path), message: outOfRange(day) }];
  });
  const anchored = problems.map((p) => ({ path: split(p.path), message: p.message }));
  return [...unknown, ...anchored, ...outside];
}

/** Milestone and `blocks` references resolve, and dependencies do not block each other in a circle. */
function links(record: HandoffRecord): Issue[] {
  const milestones = new Set((record.timeline?.milestones ?? []).map((m) => m.id));
  const promises = new Set((record.promises ?? []).map((p) => p.id));
  const dependencies = new Set((record.dependencies ?? []).map((d) => d.id));
  const issues: Issue[] = [];
  record.promises?.forEach((p, i) => {
    if (p.milestone && !milestones.has(p.milestone)) {
      issues.push({
        path: ['promises', i, 'milestone'],
        message: `no milestone "${p.milestone}" in timeline.milestones`,
      });
    }
  });
  record.dependencies?.forEach((d, i) => {
    d.blocks?.forEach((target, j) => {
      const path = ['dependencies', i, 'blocks', j];
      if (target === d.id) issues.push({ path, message: 'a dependency cannot block itself' });
      else if (!promises.has(target) && !dependencies.has(target) && !milestones.has(target)) {
        issues.push({ path, message: `"${target}" is not the id of a promise, dependency or milestone` });
      }
    });
  });
  return [...issues, ...blockingCycles(record)];
}

function blockingCycles(record: HandoffRecord): Issue[] {
  const edges = new Map((record.dependencies ?? []).map((d) => [d.id, d.blocks ?? []]));
  const index = new Map((record.dependencies ?? []).map((d, i) => [d.id, i]));
  const state = new Map<string, 'open' | 'done'>();
  const issues: Issue[] = [];
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' → ');
      issues.push({
        path: ['dependencies', index.get(id) ?? 0, 'blocks'],
        message: `dependencies block each other in a circle: ${cycle}`,
      });
      return;
    }
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) if (edges.has(next)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of edges.keys()) visit(id, []);
  return issues;
}

function contradictions(record: HandoffRecord): Issue[] {
  const issues: Issue[] = [];
  record.promises?.forEach((p, i) => {
    if (p.excluded && (p.owner || p.due || p.milestone)) {
      issues.push({
        path: ['promises', i, 'excluded'],
        message: 'an excluded promise takes no owner, due date or milestone: remove them or the exclusion',
      });
    }
  });
  record.timeline?.blackouts?.forEach((b, i) => {
    if (b.from > b.to)
      issues.push({
        path: ['timeline', 'blackouts', i, 'to'],
        message: `the blackout ends (${b.to}) before it starts (${b.from})`,
      });
  });
  const contract = record.deal?.contract;
  if (contract?.end && contract.end <= contract.start) {
    issues.push({
      path: ['deal', 'contract', 'end'],
      message: `the contract ends (${contract.end}) before it starts (${contract.start})`,
    });
  }
  if (record.signoffs?.delivery?.status === 'blocked' && !record.signoffs.delivery.blockers?.length) {
    issues.push({
      path: ['signoffs', 'delivery', 'blockers'],
      message: 'delivery signed "blocked": list what blocks it',
    });
  }
  return issues;
}

/** `promises[0].owner` → ['promises', 0, 'owner'], so zod reports the same path we compute. */
function split(path: string): (string | number)[] {
  return path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
