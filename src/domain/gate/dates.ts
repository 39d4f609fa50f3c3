import type { HandoffRecord } from '../record/record';
import { addMonths, formatIsoDay, isWeekend, parseIsoDay, type Day } from '../dates/calendar';
import { blackoutAt } from '../dates/business-days';
import { dateFields, isOpen, type DateField } from '../dates/date-fields';
import { anchorOf, resolveDate, type Timeline } from '../dates/timeline';
import type { Problem } from '../problem';
import type { Findings } from './finding';

type Dated = DateField & { day: Day | null };

/** Impossible dates block "go"; dates on a weekend or already past are worth a warning. */
export function dateRules(record: HandoffRecord, timeline: Timeline, today: string): Findings {
  // Written out, not spread: this runs once per date of the record (bench/core.bench.ts).
  const dated: Dated[] = dateFields(record).map((f) => ({
    path: f.path,
    expression: f.expression,
    what: f.what,
    item: f.item,
    day: resolveDate(f.expression, timeline),
  }));
  const anchor = (name: string) => timeline.anchors.get(name) ?? null;
  return {
    blockers: [
      ...dated.flatMap(unresolvable),
      ...dated.flatMap((d) => inBlackout(d, timeline)),
      ...beforeContract(dated, anchor('contractStart')),
      ...afterGoLive(dated, anchor('goLive')),
      ...order(record, timeline),
    ],
    warnings: [
      ...dated
        .filter((d) => d.day !== null && isWeekend(d.day))
        .map((d) => ({
          path: d.path,
          message: `${d.what} falls on a weekend (${formatIsoDay(d.day ?? 0)}); move it to a working day.`,
        })),
      ...overdue(dated, parseIsoDay(today)),
    ],
  };
}

function unresolvable(d: Dated): Problem[] {
  if (d.day !== null) return [];
  const anchor = anchorOf(d.expression);
  return [
    { path: d.path, message: `${d.what} is set relative to ${anchor}, which has no date yet: set ${anchor} first.` },
  ];
}

function inBlackout(d: Dated, timeline: Timeline): Problem[] {
  if (d.day === null) return [];
  const range = blackoutAt(d.day, timeline.blackouts);
  if (!range) return [];
  const span = `${formatIsoDay(range.from)} – ${formatIsoDay(range.to)}`;
  return [
    {
      path: d.path,
      message: `${d.what} falls on ${formatIsoDay(d.day)}, inside the blackout ${span}; move it out of the blackout.`,
    },
  ];
}

function beforeContract(dated: Dated[], contractStart: Day | null): Problem[] {
  if (contractStart === null) return [];
  return dated
    .filter((d) => d.day !== null && d.day < contractStart)
    .map((d) => ({
      path: d.path,
      message:
        `${d.what} falls on ${formatIsoDay(d.day ?? 0)}, before ` +
        `the contract starts (${formatIsoDay(contractStart)}).`,
    }));
}

function afterGoLive(dated: Dated[], goLive: Day | null): Problem[] {
  if (goLive === null) return [];
  return dated.flatMap((d) => {
    if (!d.item || d.day === null || d.day <= goLive) return [];
    if (d.item.afterGoLiveReason || !isOpen(d.item)) return [];
    return [
      {
        path: d.path,
        message:
          `${d.what} is due ${formatIsoDay(d.day)}, after go-live ` +
          `(${formatIsoDay(goLive)}): bring it forward or give afterGoLiveReason.`,
      },
    ];
  });
}

/**
 * Go-live after kickoff; a promise by its milestone; a dependency before
 * what it blocks; billing with kickoff; contract covering go-live.
 */
function order(record: HandoffRecord, timeline: Timeline): Problem[] {
  // Each expression is resolved once per record (the timeline keeps them): no path is built to look one up.
  const dayOf = (expression: string | undefined) =>
    expression === undefined ? null : resolveDate(expression, timeline);
  const anchor = (name: string) => timeline.anchors.get(name) ?? null;
  const problems: Problem[] = [];
  const kickoff = anchor('kickoff');
  const goLive = anchor('goLive');
  const iso = (day: Day) => formatIsoDay(day);
  if (kickoff !== null && goLive !== null && goLive <= kickoff) {
    problems.push({
      path: 'timeline.goLive',
      message: `Go-live (${iso(goLive)}) is not after kickoff (${iso(kickoff)}).`,
    });
  }
  record.timeline?.milestones?.forEach((m, i) => {
    const day = anchor(m.id);
    if (day !== null && goLive !== null && day > goLive) {
      problems.push({
        path: `timeline.milestones[${i}].due`,
        message: `Milestone "${m.name}" (${iso(day)}) falls after go-live (${iso(goLive)}).`,
      });
    }
  });
  const review = dayOf(record.timeline?.reviewCheckpoint);
  if (review != null && kickoff !== null && review < kickoff) {
    problems.push({
      path: 'timeline.reviewCheckpoint',
      message: `The review checkpoint (${iso(review)}) is before kickoff (${iso(kickoff)}).`,
    });
  }
  record.promises?.forEach((p, i) => {
    const due = dayOf(p.due);
    const milestoneDay = p.milestone ? anchor(p.milestone) : null;
    if (due != null && milestoneDay !== null && due > milestoneDay) {
      problems.push({
        path: `promises[${i}].due`,
        message: `"${p.title}" is due ${iso(due)}, after its milestone ${p.milestone} (${iso(milestoneDay)}).`,
      });
    }
  });
  const dueOf = blockedDue(record, dayOf, anchor);
  record.dependencies?.forEach((d, i) => {
    const due = dayOf(d.due);
    if (due == null) return;
    for (const target of d.blocks ?? []) {
      const targetDue = dueOf(target);
      if (targetDue !== null && due > targetDue) {
        problems.push({
          path: `dependencies[${i}].due`,
          message: `"${d.title}" is due ${iso(due)}, after "${target}" which it blocks (due ${iso(targetDue)}).`,
        });
      }
    }
  });
  const billing = dayOf(record.deal?.billingStart);
  if (billing != null && kickoff !== null && billing !== kickoff) {
    problems.push({
      path: 'deal.billingStart',
      message:
        `Billing starts ${iso(billing)} but work starts ${iso(kickoff)}: ` +
        `align invoicing with the operational start before work begins.`,
    });
  }
  const end = contractEnd(record);
  if (end !== null && goLive !== null && end < goLive) {
    problems.push({
      path: 'deal.contract',
      message: `The contract ends ${iso(end)}, before go-live (${iso(goLive)}).`,
    });
  }
  return problems;
}

/**
 * When the thing a dependency blocks is due. Blocking a milestone blocks its promises (that is
 * how the plan links it), so the earliest of the milestone and its promises counts.
 */
function blockedDue(
  record: HandoffRecord,
  dayOf: (expression: string | undefined) => Day | null,
  anchor: (id: string) => Day | null,
) {
  // The due day of each promise and dependency, by id (null: none, or none that resolves).
  const dueById = new Map<string, Day | null>();
  // The earliest due of each milestone's planned promises: a dependency blocking a milestone blocks them all.
  const earliestIn = new Map<string, Day>();
  record.promises?.forEach((p) => {
    const due = dayOf(p.due);
    dueById.set(p.id, due);
    if (p.milestone && due !== null && !p.excluded)
      earliestIn.set(p.milestone, Math.min(due, earliestIn.get(p.milestone) ?? due));
  });
  record.dependencies?.forEach((d) => dueById.set(d.id, dayOf(d.due)));
  return (id: string): Day | null => {
    const due = dueById.get(id);
    if (due !== undefined) return due;
    const days = [anchor(id), earliestIn.get(id) ?? null].filter((d): d is Day => d !== null);
    return days.length ? Math.min(...days) : null;
  };
}

function contractEnd(record: HandoffRecord): Day | null {
  const contract = record.deal?.contract;
  if (!contract) return null;
  if (contract.end) return parseIsoDay(contract.end);
  const start = parseIsoDay(contract.start);
  // A 3-month term from 1 December runs to the last day of February: the day before the anniversary.
  return start !== null && contract.termMonths ? addMonths(start, contract.termMonths) - 1 : null;
}

function overdue(dated: Dated[], today: Day | null): Problem[] {
  if (today === null) return [];
  return dated
    .filter((d) => d.day !== null && d.day < today && d.item !== undefined && isOpen(d.item))
    .map((d) => ({
      path: d.path,
      message: `${d.what} was due ${formatIsoDay(d.day ?? 0)}, before today: confirm it is done or set a new date.`,
    }));
}
