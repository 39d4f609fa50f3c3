import type { HandoffRecord, Scenario } from './record';
import { atLeast, atMost, contactWithRole, field, listed, type Requirement } from './requirements';

export type SignoffRole = 'sales' | 'operations' | 'delivery';

/** What a scenario demands before "go": blockers when missing, warnings when only recommended. */
export type ScenarioRules = {
  required: Requirement[];
  recommended: Requirement[];
  signoffs: SignoffRole[];
  /** Custom and high-risk deals: every promise must say where it was made. */
  promiseSourceRequired: boolean;
};

/** The seeds' core checklist for every sales → delivery handoff. */
const CORE: Requirement[] = [
  contactWithRole('decision-maker', 'Name the customer decision-maker: add a contact with role decision-maker.'),
  contactWithRole('executive-sponsor', 'Name the executive sponsor: add a contact with role executive-sponsor.'),
  contactWithRole('billing-owner', 'Name the customer billing owner: add a contact with role billing-owner.'),
  contactWithRole('day-to-day-owner', 'Name the day-to-day project owner: add a contact with role day-to-day-owner.'),
  field('deal.purchased', 'Say what the customer bought (deal.purchased).'),
  field('deal.contract.start', 'Record the contract start date.'),
  field('deal.serviceLevel', 'Record the service level that was sold.'),
  field('outcome.why', 'Write why the customer bought: the problem they are solving.'),
  field('outcome.successMeasures', 'Write how the customer will judge success (outcome.successMeasures).'),
  field('scope.included', 'List what is in scope.'),
  listed('scope.excluded', 'List what is explicitly out of scope (an empty list if nothing is).'),
  field('implementationModel', 'Choose the implementation model.'),
  field('timeline.kickoff', 'Set the target kickoff date.'),
  field('timeline.goLive', 'Set the target go-live date.'),
  field('technicalEnvironment.systems', 'List the key systems involved and the role each plays.'),
  listed('risks', 'Review open risks: list them (an empty list says none were found).'),
  listed('promises', 'List every promise made while selling (an empty list if none were made).'),
  field('people.delivery-owner', 'Name the delivery owner (people.delivery-owner).'),
  field('people.comms-owner', 'Name the owner of customer communication (people.comms-owner).'),
  field('people.escalation', 'Name the escalation contact (people.escalation).'),
  field('people.approval-owner', 'Name the internal approval owner (people.approval-owner).'),
  field('deal.documents', 'Link the source documents: proposal, SOW, order form, recordings.'),
];

const ALL_SIGNOFFS: SignoffRole[] = ['sales', 'operations', 'delivery'];

const withCore = (required: Requirement[], recommended: Requirement[] = []): ScenarioRules => ({
  required: [...CORE, ...required],
  recommended,
  signoffs: ALL_SIGNOFFS,
  promiseSourceRequired: false,
});

export const SCENARIO_RULES: Record<Scenario, ScenarioRules> = {
  core: withCore([]),
  'new-implementation': withCore(
    [
      field('outcome.whyNow', 'Confirm the buying trigger: why the customer is buying now (outcome.whyNow).'),
      contactWithRole('technical-owner', 'Name the customer technical owner: add a contact with role technical-owner.'),
    ],
    [
      field('outcome.currentState', 'Document how the customer does the work today (outcome.currentState).'),
      field('outcome.launchCriteria', 'Define launch readiness: the minimum conditions before go-live.'),
      contactWithRole('security-reviewer', 'Name the customer security reviewer.'),
      field('people.success-owner', 'Clarify who owns the customer after go-live (people.success-owner).'),
    ],
  ),
  expansion: withCore(
    [
      field('scope.changes', 'State what is changing: scope.changes with added, removed and unchanged items.'),
      field('scope.changes.effectiveDate', 'Confirm when the change takes effect, operationally and financially.'),
      field('outcome.accountHistory', 'Summarise the account history: health, recent issues, sensitive context.'),
    ],
    [field('scope.changes.unchanged', 'List what stays unchanged, so nobody assumes it moved.')],
  ),
  'high-complexity': withCore(
    [
      contactWithRole('technical-owner', 'Name the customer technical owner.'),
      field('people.technical-lead', 'Name our technical lead (people.technical-lead).'),
      field(
        'technicalEnvironment.constraints',
        'Record security review requirements and access methods (technicalEnvironment.constraints).',
      ),
      field('technicalEnvironment.migration', 'Document migration assumptions.'),
      field('technicalEnvironment.cutoverWindow', 'Agree the cutover window.'),
      field('technicalEnvironment.rollback', 'Write the rollback expectation.'),
      field('dependencies', 'Create the dependency list with owners and dates.'),
    ],
    [
      field('technicalEnvironment.testData', 'Say where test data comes from.'),
      field('technicalEnvironment.sla', 'Note SLA, uptime or response-time expectations.'),
      contactWithRole('security-reviewer', 'Name the customer security reviewer.'),
    ],
  ),
  'high-risk': {
    ...withCore([
      listed(
        'exceptions',
        'Document every exception (custom pricing, non-standard SLA, legal or security terms); an empty list if none.',
      ),
      field('deal.commercialNotes', 'Record the margin assumptions behind the deal (deal.commercialNotes).'),
      listed('questions', 'Keep an issue log: list the unresolved questions, each with an owner and a date.'),
      field('timeline.reviewCheckpoint', 'Set an early review checkpoint (2 weeks in, or the first milestone).'),
    ]),
    promiseSourceRequired: true,
  },
  'ops-to-delivery': {
    ...withCore([
      field('people.operations-owner', 'Name the operations owner (people.operations-owner).'),
      field('people.backup-owner', 'Name a backup owner for the delivery team (people.backup-owner).'),
      field('timeline.milestones', 'Build the working plan: list the milestones.'),
      field('deal.billingTriggers', 'Prepare the billing triggers: deposit, milestone invoices, recurring billing.'),
      field('scope.changeControl', 'Record change-control rules: what needs a change request.'),
      field('customer.channel', 'Name the communication channel with the customer.'),
    ]),
    signoffs: ['operations', 'delivery'],
  },
  'owner-transfer': {
    required: [
      field('transfer', 'Describe the transfer: from whom, to whom, effective when.'),
      field('transfer.note', 'Write the transition note: risks, next actions, who to contact for edge cases.'),
      field('people.delivery-owner', 'Name the delivery owner after the transfer.'),
      listed('promises', 'List the open commitments being handed over.'),
    ],
    recommended: [
      field(
        'transfer.relationshipContext',
        'Transfer the relationship context: stakeholder preferences, cadence, sensitive history.',
      ),
      field('timeline.milestones', 'List upcoming deadlines and milestones.'),
    ],
    signoffs: ['delivery'],
    promiseSourceRequired: false,
  },
  lightweight: {
    required: [
      field('outcome.why', 'Write the customer goal in one sentence (outcome.why).'),
      field('scope.included', 'Write the scope in up to three bullets (scope.included).'),
      atLeast('risks', 1, 'Name the top risks (two at most).'),
      field('timeline.milestones', 'Name the next milestone and its date.'),
      field('people.delivery-owner', 'Name the delivery owner.'),
      field('people.comms-owner', 'Name the owner of customer communication.'),
      {
        path: 'links',
        message: 'Link the source notes and contract documents (links or deal.documents).',
        met: (r) => (r.links?.length ?? 0) + (r.deal?.documents?.length ?? 0) > 0,
      },
    ],
    recommended: [
      atMost(
        'scope.included',
        3,
        'A lightweight handoff keeps scope to three bullets; a longer scope wants the core checklist.',
      ),
      atMost('risks', 2, 'A lightweight handoff names the top two risks; more wants the core checklist.'),
    ],
    signoffs: ['delivery'],
    promiseSourceRequired: false,
  },
};

export function rulesFor(record: HandoffRecord): ScenarioRules {
  return SCENARIO_RULES[record.scenario];
}
