import { z } from 'zod';
import { parseIsoDay, toIsoIfDate } from '../dates/calendar';
import { DATE_EXPRESSION_HELP, parseDateExpression } from '../dates/date-expression';
import { closestName } from './closest-name';
import { jiraIssueKey } from './jira-keys';
import { JIRA_TEXT_LIMIT } from '../plan/tracker-limits';

/**
 * The handoff record: one typed document, field by field from the seeds' core checklist and
 * its scenario layers. Every object is strict, so a misspelt field is an error that names it.
 */

/** Zero-width and other invisible characters: a text of only these reads as empty in every tracker. */
/** A character that is not white space nor invisible (zero-width, soft hyphen): a test, no copy of the text. */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF\u00AD]/u;
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  // No tracker field holds more; the gate checks what a whole ticket description adds up to.
  .max(JIRA_TEXT_LIMIT, `is at most ${JIRA_TEXT_LIMIT.toLocaleString('en-US')} characters, the most a Jira field holds`)
  // An empty text is said once, by `min`; only a non-empty, all-invisible one is said here.
  .refine((s) => s.length === 0 || VISIBLE.test(s), 'must have visible text, not only invisible characters');
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) link' });
const email = z.email({ error: 'must be an e-mail address' });

/** Years Jira and Asana both take for a due date; outside them every item would fail at creation. */
const YEARS_HELP = 'must be a date between the years 1900 and 9999';
const inTrackerYears = (s: string): boolean =>
  !/^\d/.test(s) || (Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) <= 9999);

export const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** An absolute date: YAML may hand us a Date, the record keeps `YYYY-MM-DD`. */
const isoDate = z
  .preprocess(
    toIsoIfDate,
    z
      .string()
      .regex(new RegExp(ISO_DATE_PATTERN), 'must be a date YYYY-MM-DD')
      .refine((s) => parseIsoDay(s) !== null, 'is not a real calendar date')
      .refine(inTrackerYears, YEARS_HELP),
  )
  .meta({ description: 'An ISO date, YYYY-MM-DD.' });

/** An absolute date or one relative to kickoff, go-live, contract start or a milestone. */
export const dateExpression = z
  .preprocess(
    toIsoIfDate,
    z
      .string()
      .refine((s) => parseDateExpression(s) !== null, DATE_EXPRESSION_HELP)
      .refine(inTrackerYears, YEARS_HELP),
  )
  .meta({ description: DATE_EXPRESSION_HELP });

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and dashes, e.g. sso-setup')
  // An id becomes part of Jira labels (255 at most), tracker item ids and the CLI's file names.
  .max(64, 'ids are at most 64 characters')
  .meta({ description: 'A stable id: it becomes part of the tracker item id, so never rename it after kickoff.' });

export const PEOPLE_ROLES = [
  'delivery-owner',
  'comms-owner',
  'escalation',
  'approval-owner',
  'billing-owner',
  'operations-owner',
  'account-owner',
  'sales-owner',
  'success-owner',
  'backup-owner',
  'technical-lead',
] as const;
export type PeopleRole = (typeof PEOPLE_ROLES)[number];

// The pattern `z.email()` checks with, tested directly: a parse per owner was a large part of reading 10,000 items.
const AN_EMAIL = z.regexes.email;

/** An owner is a role of `people` (so one change of person moves everything) or an e-mail. */
const ownerRef = z
  .string()
  .refine((s) => PEOPLE_ROLES.some((role) => role === s) || AN_EMAIL.test(s), {
    error: (issue) => {
      const roles = `a role of people (${PEOPLE_ROLES.join(', ')})`;
      // A misspelt role is named, as a misspelt key is: "delivry-owner" meant "delivery-owner".
      const typed = typeof issue.input === 'string' && !issue.input.includes('@') ? issue.input : null;
      const meant = typed === null ? undefined : closestName(typed, PEOPLE_ROLES);
      return meant
        ? `no role "${typed}" — did you mean "${meant}"? An owner is an e-mail or ${roles}`
        : `must be an e-mail or ${roles}`;
    },
  })
  .meta({ description: 'A role of `people` or an e-mail address.' });

export const CONTACT_ROLES = [
  'decision-maker',
  'executive-sponsor',
  'billing-owner',
  'day-to-day-owner',
  'technical-owner',
  'security-reviewer',
  'admin',
  'operations-lead',
  'finance-approver',
  'procurement',
  'legal',
  'end-user-lead',
] as const;

const contact = z.strictObject({
  name: text,
  email,
  title: text.optional(),
  roles: z.array(z.enum(CONTACT_ROLES)).min(1, 'name at least one role'),
});

const SOURCE_KINDS = [
  'discovery-call',
  'call-recording',
  'demo',
  'proposal',
  'sow',
  'order-form',
  'contract',
  'email',
  'chat',
  'meeting-notes',
  'crm-note',
  'success-plan',
  'negotiation',
] as const;

/** Where something was promised: the link a delivery lead follows to hear it first-hand. */
const source = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  url: url.optional(),
  at: text.optional().meta({ description: 'Timestamp in a recording, e.g. 00:41:10.' }),
  section: text.optional(),
  note: text.optional(),
});

const document = z.strictObject({
  kind: z.enum([
    'proposal',
    'sow',
    'order-form',
    'contract',
    'pricing',
    'redlines',
    'call-recording',
    'crm-note',
    'discovery-notes',
    'implementation-plan',
    'other',
  ]),
  url,
  title: text.optional(),
});

const billingTrigger = z.strictObject({
  event: text.meta({ description: 'kickoff, go-live, a milestone id, a date or a cadence such as monthly.' }),
  share: z
    .string()
    .regex(/^\d{1,3}(\.\d+)?%$/, 'a share such as 30%')
    .optional(),
  amount: text.optional(),
});

const deal = z.strictObject({
  purchased: z.array(text).min(1, 'list what was bought'),
  contract: z.strictObject({
    start: isoDate,
    termMonths: z.int().positive().optional(),
    end: isoDate.optional(),
    signed: z.boolean().optional(),
  }),
  serviceLevel: text.optional(),
  commercialNotes: text.optional(),
  billingStart: dateExpression
    .optional()
    .meta({ description: 'When invoicing starts; must agree with the operational start (kickoff).' }),
  billingTriggers: z.array(billingTrigger).optional(),
  documents: z.array(document).optional(),
});

const outcome = z.strictObject({
  why: text,
  whyNow: text.optional(),
  successMeasures: z.array(text).optional(),
  currentState: text.optional().meta({ description: 'How the customer does the work today.' }),
  launchCriteria: z.array(text).optional().meta({ description: 'Minimum conditions before go-live.' }),
  accountHistory: text.optional().meta({ description: 'For expansions: health, sentiment, sensitive history.' }),
});

const scope = z.strictObject({
  included: z.array(text).optional(),
  excluded: z.array(text).optional(),
  changeControl: z.array(text).optional(),
  changes: z
    .strictObject({
      added: z.array(text).optional(),
      removed: z.array(text).optional(),
      unchanged: z.array(text).optional(),
      effectiveDate: dateExpression.optional(),
    })
    .optional()
    .meta({ description: 'Expansion / change order: old scope versus new.' }),
});

/** A milestone id is a date anchor, so it must not read as one plus an offset (`phase-2d`). */
const milestoneId = id.refine(
  (s) => !/-\d+(bd|d|w)$/.test(s),
  'a milestone id must not end in -<n>d, -<n>bd or -<n>w: dates would read it as an offset',
);
const milestone = z.strictObject({ id: milestoneId, name: text, due: dateExpression });
const blackout = z.strictObject({ from: isoDate, to: isoDate, reason: text.optional() });
const approvalNeeded = z.strictObject({ what: text, owner: ownerRef.optional(), due: dateExpression.optional() });

const timeline = z.strictObject({
  kickoff: dateExpression.optional(),
  goLive: dateExpression.optional(),
  milestones: z.array(milestone).optional(),
  blackouts: z.array(blackout).optional(),
  approvals: z.array(approvalNeeded).optional().meta({ description: 'Approvals the timeline depends on.' }),
  reviewCheckpoint: dateExpression
    .optional()
    .meta({ description: 'Early review (2 weeks or first milestone) for custom or high-risk deals.' }),
});

const system = z.strictObject({
  name: text,
  role: text,
  owner: ownerRef.optional().meta({ description: 'Our side or the customer side, by e-mail or role.' }),
  ourOwner: ownerRef.optional(),
});

const technicalEnvironment = z.strictObject({
  systems: z.array(system).optional(),
  integrations: z.array(text).optional(),
  constraints: z.array(text).optional(),
  migration: text.optional(),
  testData: text.optional(),
  cutoverWindow: text.optional(),
  rollback: text.optional(),
  sla: text.optional(),
});

const people = z
  .strictObject(Object.fromEntries(PEOPLE_ROLES.map((role) => [role, email.optional()])))
  .meta({ description: 'Ownership map: our roles → people, by e-mail.' });

/** Fields every tracked item shares: one owner and a date, never "need clarification". */
const tracked = {
  id,
  title: text,
  detail: text.optional(),
  owner: ownerRef.optional(),
  due: dateExpression.optional(),
  afterGoLiveReason: text
    .optional()
    .meta({ description: 'Why this is due after go-live (e.g. hypercare); without it such a date blocks the gate.' }),
};

const promise = z.strictObject({
  ...tracked,
  source: source.optional(),
  // Not `id`'s own help ("never rename it"): this field names a milestone, it is not the promise's id.
  milestone: id
    .optional()
    .meta({ description: 'The id of a timeline milestone: the promise is grouped under it in the tracker.' }),
  excluded: text
    .optional()
    .meta({ description: 'An explicit exclusion: the reason this promise will not be delivered.' }),
  labels: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/, 'labels are lowercase words with dashes')
        .max(255, 'a Jira label is at most 255 characters'),
    )
    .optional(),
});

const dependency = z.strictObject({
  ...tracked,
  side: z.enum(['internal', 'customer', 'vendor']),
  chaser: ownerRef
    .optional()
    .meta({ description: 'Who chases a customer or vendor task in the tracker (default: comms-owner).' }),
  blocks: z
    .array(id)
    .optional()
    .meta({ description: 'Ids of promises, dependencies or milestones this must finish before.' }),
});

const risk = z.strictObject({
  ...tracked,
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  mitigation: text.optional(),
  accepted: text.optional().meta({ description: 'The risk is accepted and needs no action: why.' }),
});

const question = z.strictObject({ ...tracked, answer: text.optional() });

const exception = z.strictObject({
  id,
  title: text,
  kind: z.enum(['pricing', 'sla', 'payment-terms', 'legal', 'security', 'delivery', 'other']).optional(),
  approvedBy: email.optional(),
  record: url.optional().meta({ description: 'Where the approval is recorded.' }),
  futureChangesBy: ownerRef.optional(),
});

const signoffs = z.strictObject({
  sales: z.strictObject({ by: email, at: isoDate, statement: z.literal('no-undocumented-promises') }).optional(),
  operations: z.strictObject({ by: email, at: isoDate }).optional(),
  delivery: z
    .strictObject({
      by: email,
      at: isoDate,
      status: z.enum(['ready', 'blocked']),
      blockers: z.array(text).optional(),
    })
    .optional(),
});

const transfer = z.strictObject({
  from: email,
  to: email,
  effective: dateExpression,
  note: text.optional().meta({ description: 'The written transition note: risks, next actions, who to contact.' }),
  relationshipContext: text.optional(),
});

/** The kickoff trigger: a Jira issue reaching a status, and/or the kickoff date arriving. */
const automation = z
  .strictObject({
    kickoffIssue: jiraIssueKey.optional(),
    kickoffStatus: text.optional().meta({ description: 'The status name that means "kickoff", e.g. Kickoff.' }),
    onKickoffDate: z.boolean().optional().meta({ description: 'Provision when timeline.kickoff arrives.' }),
  })
  .refine(
    (a) => (a.kickoffIssue === undefined) === (a.kickoffStatus === undefined),
    'kickoffIssue and kickoffStatus go together',
  );

export const SCENARIOS = [
  'core',
  'new-implementation',
  'expansion',
  'high-complexity',
  'high-risk',
  'ops-to-delivery',
  'owner-transfer',
  'lightweight',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const IMPLEMENTATION_MODELS = [
  'standard-onboarding',
  'custom-implementation',
  'phased-rollout',
  'pilot',
  'migration',
  'integration',
  'expansion',
  'owner-transfer',
] as const;

export const recordShape = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  id,
  title: text,
  scenario: z.enum(SCENARIOS),
  implementationModel: z.enum(IMPLEMENTATION_MODELS).optional(),
  customer: z.strictObject({
    company: text,
    timeZone: text.optional(),
    channel: text.optional(),
    contacts: z.array(contact).optional(),
  }),
  deal: deal.optional(),
  outcome: outcome.optional(),
  scope: scope.optional(),
  timeline: timeline.optional(),
  technicalEnvironment: technicalEnvironment.optional(),
  people: people.optional(),
  promises: z.array(promise).optional(),
  dependencies: z.array(dependency).optional(),
  risks: z.array(risk).optional(),
  questions: z.array(question).optional(),
  exceptions: z.array(exception).optional(),
  signoffs: signoffs.optional(),
  transfer: transfer.optional().meta({ description: 'Owner transfer: who hands over to whom.' }),
  automation: automation
    .optional()
    .meta({ description: 'When the Forge app provisions on its own (kickoff trigger).' }),
  links: z.array(z.strictObject({ title: text, url })).optional(),
});

export type HandoffRecord = z.output<typeof recordShape>;
export type HandoffPromise = NonNullable<HandoffRecord['promises']>[number];
export type Dependency = NonNullable<HandoffRecord['dependencies']>[number];
export type Risk = NonNullable<HandoffRecord['risks']>[number];
export type Question = NonNullable<HandoffRecord['questions']>[number];
export type Milestone = NonNullable<NonNullable<HandoffRecord['timeline']>['milestones']>[number];
export type People = NonNullable<HandoffRecord['people']>;
