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
  const dated: Dated[] = dateFields(record).map((f) => ({
    path: f.path,
    expression: f.expression,
    what: f.what,
    day: resolveDate(f.expression, timeline),
  }));
  const anchor = (name: string) => timeline.anchors.get(name) ?? null;
  return {
    blockers: [
      ...dated.flatMap(unresolvable),
      ...dated.flatMap((d) => inBlackout(d, timeline)),
      ...beforeContract(dated, anchor('contractStart')),
      ...afterGoLive(record, dated, anchor('goLive')),
      ...order(record, dated, timeline),
    ],
    warnings: [
      ...dated
        .filter((d) => d.day !== null && isWeekend(d.day))
        .map((d) => ({
          path: d.path,
          message: `${d.what} falls on a weekend (${formatIsoDay(d.day ?? 0)}); move it to a working day.`,
        })),
      ...overdue(record, dated, parseIsoDay(today)),
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

const TRACKED = /^(promises|dependencies|risks|questions)\[(\d+)\]\.due$/;

function afterGoLive(record: HandoffRecord, dated: Dated[], goLive: Day | null): Problem[] {
  if (goLive === null) return [];
  return dated.flatMap((d) => {
    const match = TRACKED.exec(d.path);
    if (!match || d.day === null || d.day <= goLive) return [];
    const item = record[listName(match[1])]?.[Number(match[2])];
    if (item?.afterGoLiveReason || (item && !isOpen(item))) return [];
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

function listName(text: string | undefined): 'promises' | 'dependencies' | 'risks' | 'questions' {
  return text === 'dependencies' || text === 'risks' || text === 'questions' ? text : 'promises';
}

/**
 * Go-live after kickoff; a promise by its milestone; a dependency before
 * what it blocks; billing with kickoff; contract covering go-live.
 */
function order(record: HandoffRecord, dated: Dated[], timeline: Timeline): Problem[] {
  const dayAt = new Map(dated.map((d) => [d.path, d.day]));
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
  const review = dayAt.get('timeline.reviewCheckpoint');
  if (review != null && kickoff !== null && review < kickoff) {
    problems.push({
      path: 'timeline.reviewCheckpoint',
      message: `The review checkpoint (${iso(review)}) is before kickoff (${iso(kickoff)}).`,
    });
  }
  record.promises?.forEach((p, i) => {
    const due = dayAt.get(`promises[${i}].due`);
    const milestoneDay = p.milestone ? anchor(p.milestone) : null;
    if (due != null && milestoneDay !== null && due > milestoneDay) {
      problems.push({
        path: `promises[${i}].due`,
        message: `"${p.title}" is due ${iso(due)}, after its milestone ${p.milestone} (${iso(milestoneDay)}).`,
      });
    }
  });
  const dueOf = blockedDue(record, dayAt, anchor);
  record.dependencies?.forEach((d, i) => {
    const due = dayAt.get(`dependencies[${i}].due`);
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
  const billing = dayAt.get('deal.billingStart');
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
function blockedDue(record: HandoffRecord, dayAt: Map<string, Day | null>, anchor: (id: string) => Day | null) {
  const index = new Map<string, string>();
  // The earliest due of each milestone's planned promises: a dependency blocking a milestone blocks them all.
  const earliestIn = new Map<string, Day>();
  record.promises?.forEach((p, i) => {
    index.set(p.id, `promises[${i}].due`);
    const due = dayAt.get(`promises[${i}].due`);
    if (p.milestone && due != null && !p.excluded)
      earliestIn.set(p.milestone, Math.min(due, earliestIn.get(p.milestone) ?? due));
  });
  record.dependencies?.forEach((d, i) => index.set(d.id, `dependencies[${i}].due`));
  return (id: string): Day | null => {
    const path = index.get(id);
    if (path) return dayAt.get(path) ?? null;
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

function overdue(record: HandoffRecord, dated: Dated[], today: Day | null): Problem[] {
  if (today === null) return [];
  const open = (path: string) => {
    const match = TRACKED.exec(path);
    const item = match ? record[listName(match[1])]?.[Number(match[2])] : undefined;
    return item !== undefined && isOpen(item);
  };
  return dated
    .filter((d) => d.day !== null && d.day < today && open(d.path))
    .map((d) => ({
      path: d.path,
      message: `${d.what} was due ${formatIsoDay(d.day ?? 0)}, before today: confirm it is done or set a new date.`,
    }));
}
