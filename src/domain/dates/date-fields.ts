import type { HandoffRecord } from '../record/record';

/**
 * A date written in the record, with where it was written and what it dates; `item` is the
 * promise, dependency, risk or question it is the due date of (the rules ask whether it is open).
 */
export type DateField = { path: string; expression: string; what: string; item?: TrackedItem };

/**
 * Every date expression of the record, so each date rule is written once and sees them all.
 * Read once per record (a record is never mutated once read): reading and the gate ask three times.
 */
export function dateFields(record: HandoffRecord): readonly DateField[] {
  const known = fieldsOf.get(record);
  if (known) return known;
  const fields = collectDateFields(record);
  fieldsOf.set(record, fields);
  return fields;
}

const fieldsOf = new WeakMap<HandoffRecord, readonly DateField[]>();

function collectDateFields(record: HandoffRecord): DateField[] {
  const fields: DateField[] = [];
  const add = (path: string, expression: string | undefined, what: string, item?: TrackedItem) => {
    if (expression !== undefined) fields.push(item ? { path, expression, what, item } : { path, expression, what });
  };
  const { timeline } = record;
  add('timeline.kickoff', timeline?.kickoff, 'kickoff');
  add('timeline.goLive', timeline?.goLive, 'go-live');
  add('timeline.reviewCheckpoint', timeline?.reviewCheckpoint, 'the review checkpoint');
  timeline?.milestones?.forEach((m, i) => add(`timeline.milestones[${i}].due`, m.due, `milestone "${m.name}"`));
  timeline?.approvals?.forEach((a, i) => add(`timeline.approvals[${i}].due`, a.due, `approval "${a.what}"`));
  add('deal.billingStart', record.deal?.billingStart, 'billing start');
  add('scope.changes.effectiveDate', record.scope?.changes?.effectiveDate, 'the change effective date');
  add('transfer.effective', record.transfer?.effective, 'the owner transfer');
  for (const { list, noun, items } of trackedLists(record)) {
    items.forEach((item, i) => add(`${list}[${i}].due`, item.due, `${noun} "${item.title}"`, item));
  }
  return fields;
}

type TrackedItem = {
  id: string;
  title: string;
  due?: string | undefined;
  owner?: string | undefined;
  afterGoLiveReason?: string | undefined;
};

/** Still to be done: not excluded, answered or accepted — the items that become tickets. */
export function isOpen(item: object): boolean {
  return (
    !('excluded' in item && item.excluded) &&
    !('answer' in item && item.answer) &&
    !('accepted' in item && item.accepted)
  );
}

/** The four lists whose entries each need an owner and a due date. */
export function trackedLists(record: HandoffRecord): { list: string; noun: string; items: readonly TrackedItem[] }[] {
  return [
    { list: 'promises', noun: 'promise', items: record.promises ?? [] },
    { list: 'dependencies', noun: 'dependency', items: record.dependencies ?? [] },
    { list: 'risks', noun: 'risk', items: record.risks ?? [] },
    { list: 'questions', noun: 'question', items: record.questions ?? [] },
  ];
}
