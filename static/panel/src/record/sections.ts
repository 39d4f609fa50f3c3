import { PEOPLE_ROLES } from '../../../../src/domain/record/record';
import { isWithin } from '../field-path';

/**
 * The record's sections as the form shows them, in the order a lead explains a project.
 * Only layout lives here — labels, which fields, how each is typed in; choices and help
 * text come from the schema (schema-info.ts). Fields not listed are edited in the YAML section.
 */
export type FieldKind = 'text' | 'date' | 'longtext' | 'lines' | 'tags' | 'owner' | 'person' | 'select';
/** `hint`: the help under the field, where the schema's text is written for the YAML's authors, not the form's. */
export type FieldSpec = { key: string; label: string; kind: FieldKind; hint?: string };
export type ListSpec = { key: string; noun: string; titleKey: string; fields: FieldSpec[] };
export type SectionSpec = {
  id: string;
  title: string;
  base: string | null;
  fields: FieldSpec[];
  lists: ListSpec[];
  /** What the lead must know before filling the section in, shown above its fields. */
  note?: { title: string; text: string };
};

const field = (key: string, label: string, kind: FieldKind = 'text', hint?: string): FieldSpec =>
  hint ? { key, label, kind, hint } : { key, label, kind };
const DATE_HINT =
  'A day (2026-12-15) or one counted from kickoff, goLive, contractStart or a milestone id: ' +
  'kickoff+10bd is ten business days after kickoff; d counts days, w weeks.';
const OWNER_HINT = 'A role from People — a change of person there moves all of its work — or an e-mail.';
const owner = field('owner', 'Owner', 'owner', OWNER_HINT);
const due = field('due', 'Due', 'date', DATE_HINT);
const title = field('title', 'Title');
const id = field('id', 'Id');
const section = (
  id: string,
  sectionTitle: string,
  base: string | null,
  fields: FieldSpec[],
  lists: ListSpec[] = [],
): SectionSpec => ({ id, title: sectionTitle, base, fields, lists });
const list = (key: string, noun: string, fields: FieldSpec[], titleKey = 'title'): ListSpec => ({
  key,
  noun,
  titleKey,
  fields,
});

export const SECTIONS: readonly SectionSpec[] = [
  section('overview', 'Overview', null, [
    field('title', 'Title'),
    field('id', 'Record id'),
    field('scenario', 'Scenario', 'select'),
    field('implementationModel', 'Implementation model', 'select'),
  ]),
  section(
    'customer',
    'Customer',
    'customer',
    [field('company', 'Company'), field('timeZone', 'Time zone'), field('channel', 'Channel')],
    [
      list(
        'contacts',
        'contact',
        [field('name', 'Name'), field('email', 'E-mail'), field('title', 'Job title'), field('roles', 'Roles', 'tags')],
        'name',
      ),
    ],
  ),
  section(
    'deal',
    'Deal',
    'deal',
    [
      field('purchased', 'What they bought', 'lines'),
      field('contract.start', 'Contract start', 'date'),
      field('contract.termMonths', 'Term (months)'),
      field('contract.end', 'Contract end', 'date'),
      field('serviceLevel', 'Service level'),
      field('billingStart', 'Billing starts', 'date'),
      field('commercialNotes', 'Commercial notes', 'longtext'),
    ],
    [list('documents', 'document', [field('kind', 'Kind', 'select'), field('title', 'Title'), field('url', 'Link')])],
  ),
  section('outcome', 'Outcome', 'outcome', [
    field('why', 'Why they bought', 'longtext'),
    field('whyNow', 'Why now', 'longtext'),
    field('successMeasures', 'Success measures', 'lines'),
    field('currentState', 'How they work today', 'longtext'),
    field('launchCriteria', 'Launch criteria', 'lines'),
  ]),
  section('scope', 'Scope', 'scope', [
    field('included', 'Included', 'lines'),
    field('excluded', 'Excluded', 'lines'),
    field('changeControl', 'Needs change control', 'lines'),
  ]),
  section(
    'timeline',
    'Timeline',
    'timeline',
    [
      field('kickoff', 'Kickoff', 'date', DATE_HINT),
      field('goLive', 'Go-live', 'date', DATE_HINT),
      field('reviewCheckpoint', 'Review checkpoint', 'date'),
    ],
    [
      list('milestones', 'milestone', [id, field('name', 'Name'), due], 'name'),
      list(
        'blackouts',
        'blackout',
        [field('from', 'From', 'date'), field('to', 'To', 'date'), field('reason', 'Reason')],
        'reason',
      ),
    ],
  ),
  section(
    'people',
    'People',
    'people',
    PEOPLE_ROLES.map((role) =>
      field(
        role,
        role.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
        'person',
      ),
    ),
  ),
  section(
    'promises',
    'Promises',
    null,
    [],
    [
      list('promises', 'promise', [
        title,
        owner,
        due,
        field('excluded', 'Excluded because', 'longtext'),
        field('milestone', 'Milestone'),
        field('source.kind', 'Promised in', 'select'),
        field('source.url', 'Source link'),
        field('afterGoLiveReason', 'Why after go-live'),
        field('detail', 'Detail', 'longtext'),
        id,
      ]),
    ],
  ),
  section(
    'dependencies',
    'Dependencies',
    null,
    [],
    [
      list('dependencies', 'dependency', [
        title,
        field('side', 'Side', 'select'),
        owner,
        due,
        field('blocks', 'Blocks (ids)', 'tags'),
        field('chaser', 'Chased by', 'owner'),
        field('detail', 'Detail', 'longtext'),
        id,
      ]),
    ],
  ),
  section(
    'risks',
    'Risks',
    null,
    [],
    [
      list('risks', 'risk', [
        title,
        field('severity', 'Severity', 'select'),
        owner,
        due,
        field('mitigation', 'Mitigation', 'longtext'),
        field('accepted', 'Accepted because', 'longtext'),
        id,
      ]),
    ],
  ),
  section(
    'questions',
    'Questions',
    null,
    [],
    [list('questions', 'question', [title, owner, due, field('answer', 'Answer', 'longtext'), id])],
  ),
  section(
    'exceptions',
    'Exceptions',
    null,
    [],
    [
      list('exceptions', 'exception', [
        title,
        field('kind', 'Kind', 'select'),
        field('approvedBy', 'Approved by (e-mail)'),
        field('record', 'Where it is recorded'),
        field('futureChangesBy', 'Future changes by', 'owner', OWNER_HINT),
        id,
      ]),
    ],
  ),
  {
    ...section('automation', 'Automation', 'automation', [
      field('kickoffIssue', 'Kickoff issue (e.g. DEL-1)'),
      field('kickoffStatus', 'Kickoff status (e.g. Kickoff)'),
    ]),
    // Forge product events never come from a project the default group cannot browse (FRGE-212),
    // and the app cannot tell which projects those are, so the page says it wherever it is set up.
    note: {
      title: 'In a restricted project, kickoff waits for the daily check',
      text:
        'Saving labels the kickoff issue "handoff-kickoff"; when it reaches the kickoff status, Handoff ' +
        'provisions within minutes. Jira sends apps no events from a project the default user group ' +
        'cannot browse: there the move is noticed by the daily check instead, within 24 hours, and ' +
        'so are change requests the approval owner approved. automation.onKickoffDate (in the YAML) ' +
        'provisions on the kickoff date, also by the daily check.',
    },
  },
];

/** The YAML section: the whole record as text, and home of every field the form does not show. */
export const YAML_SECTION = 'yaml';

/** Whether a field path belongs to the section (whether or not the form has an input for it). */
export function sectionHas(spec: SectionSpec, path: string): boolean {
  if (spec.base) return isWithin(path, spec.base);
  return spec.lists.some((l) => isWithin(path, l.key)) || spec.fields.some((f) => isWithin(path, f.key));
}

/** The section a field path is edited in: its own, or the YAML. */
export function sectionOf(path: string): string {
  return SECTIONS.find((s) => sectionHas(s, path))?.id ?? YAML_SECTION;
}
