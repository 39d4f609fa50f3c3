import type { z } from 'zod';
import { expect } from 'vitest';
import type { recordShape, HandoffRecord, Scenario } from '../../src/domain/record/record';
import { validateRecord } from '../../src/domain/record/read-record';
import { formatPath } from '../../src/domain/problem';

/**
 * Test data for the pure core. Every builder returns a plain object that the record schema
 * accepts; a test passes only what it changes (`aRecord({ promises: [aPromise({ due: … })] })`)
 * and reads the rest from these defaults.
 *
 * `aRecord()` is a smaller Acme: scenario `core`, and at `TODAY` the gate says go with no
 * blockers and no warnings, so a test can assert the exact findings its change causes.
 *
 * The default calendar (weekdays in brackets):
 *   contract start 2026-12-01 (Tue), 12 months
 *   kickoff        2026-12-07 (Mon)
 *   blackout       2026-12-21 (Mon) – 2027-01-03 (Sun), holiday freeze
 *   go-live        2027-02-15 (Mon)
 *   milestone pilot = kickoff+15bd = 2027-01-11 (Mon)
 *   promise sso     = kickoff+10bd = 2027-01-04 (Mon)   (Dec 8–11, 14–18 = 9, then Jan 4 after the freeze)
 *   dependency azure-app = kickoff+3bd = 2026-12-10 (Thu), blocks sso
 *   question first-depot = kickoff+2bd = 2026-12-09 (Wed)
 *   risk peak       = 2027-01-15 (Fri)
 */

export const TODAY = '2026-12-01';

export type RecordInput = z.input<typeof recordShape>;
export type CustomerInput = RecordInput['customer'];
export type ContactInput = NonNullable<CustomerInput['contacts']>[number];
export type DealInput = NonNullable<RecordInput['deal']>;
export type OutcomeInput = NonNullable<RecordInput['outcome']>;
export type ScopeInput = NonNullable<RecordInput['scope']>;
export type TimelineInput = NonNullable<RecordInput['timeline']>;
export type MilestoneInput = NonNullable<TimelineInput['milestones']>[number];
export type BlackoutInput = NonNullable<TimelineInput['blackouts']>[number];
export type TechnicalEnvironmentInput = NonNullable<RecordInput['technicalEnvironment']>;
export type PeopleInput = NonNullable<RecordInput['people']>;
export type PromiseInput = NonNullable<RecordInput['promises']>[number];
export type DependencyInput = NonNullable<RecordInput['dependencies']>[number];
export type RiskInput = NonNullable<RecordInput['risks']>[number];
export type QuestionInput = NonNullable<RecordInput['questions']>[number];
export type ExceptionInput = NonNullable<RecordInput['exceptions']>[number];
export type SignoffsInput = NonNullable<RecordInput['signoffs']>;
export type TransferInput = NonNullable<RecordInput['transfer']>;

export const EMAIL = {
  delivery: 'maria.lopez@vendor.example',
  comms: 'sam.okafor@vendor.example',
  escalation: 'priya.nair@vendor.example',
  cfo: 'cfo@vendor.example',
  sales: 'jo.seller@vendor.example',
  ops: 'ops.lead@vendor.example',
  customerSponsor: 'hank.scorpio@globex.example',
  customerOwner: 'tom.berger@globex.example',
} as const;

export function aContact(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    name: 'Tom Berger',
    email: EMAIL.customerOwner,
    roles: ['day-to-day-owner', 'technical-owner'],
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    company: 'Globex Ltd',
    timeZone: 'Europe/London',
    contacts: [
      aContact({
        name: 'Hank Scorpio',
        email: EMAIL.customerSponsor,
        roles: ['decision-maker', 'executive-sponsor', 'billing-owner'],
      }),
      aContact(),
    ],
    ...overrides,
  };
}

export function aDeal(overrides: Partial<DealInput> = {}): DealInput {
  return {
    purchased: ['Fleet Tracking (50 seats)'],
    contract: { start: '2026-12-01', termMonths: 12 },
    serviceLevel: 'Standard support, next-day response',
    documents: [{ kind: 'sow', url: 'https://docs.example.com/globex/sow.pdf' }],
    ...overrides,
  };
}

export function anOutcome(overrides: Partial<OutcomeInput> = {}): OutcomeInput {
  return {
    why: 'Replace the dispatch spreadsheets.',
    successMeasures: ['All drivers active within 60 days'],
    ...overrides,
  };
}

export function aScope(overrides: Partial<ScopeInput> = {}): ScopeInput {
  return { included: ['Tracking rollout to one depot'], excluded: ['Custom dashboards'], ...overrides };
}

export function aMilestone(overrides: Partial<MilestoneInput> = {}): MilestoneInput {
  return { id: 'pilot', name: 'Pilot depot live', due: 'kickoff+15bd', ...overrides };
}

export function aBlackout(overrides: Partial<BlackoutInput> = {}): BlackoutInput {
  return { from: '2026-12-21', to: '2027-01-03', reason: 'Holiday freeze', ...overrides };
}

export function aTimeline(overrides: Partial<TimelineInput> = {}): TimelineInput {
  return {
    kickoff: '2026-12-07',
    goLive: '2027-02-15',
    milestones: [aMilestone()],
    blackouts: [aBlackout()],
    ...overrides,
  };
}

export function aTechnicalEnvironment(overrides: Partial<TechnicalEnvironmentInput> = {}): TechnicalEnvironmentInput {
  return { systems: [{ name: 'Azure AD', role: 'identity provider', owner: EMAIL.customerOwner }], ...overrides };
}

export function somePeople(overrides: Partial<PeopleInput> = {}): PeopleInput {
  return {
    'delivery-owner': EMAIL.delivery,
    'comms-owner': EMAIL.comms,
    escalation: EMAIL.escalation,
    'approval-owner': EMAIL.escalation,
    ...overrides,
  };
}

export function aPromise(overrides: Partial<PromiseInput> = {}): PromiseInput {
  return {
    id: 'sso',
    title: 'SSO with Azure AD before the pilot',
    source: { kind: 'call-recording', url: 'https://calls.example.com/globex/discovery-2', at: '00:41:10' },
    owner: 'delivery-owner',
    due: 'kickoff+10bd',
    ...overrides,
  };
}

/** A promise explicitly excluded: a reason, and no owner, due date or milestone. */
export function anExcludedPromise(overrides: Partial<PromiseInput> = {}): PromiseInput {
  return {
    id: 'bi',
    title: 'Custom BI dashboards',
    excluded: 'Out of scope per SOW section 3.1; offered as a paid add-on.',
    source: { kind: 'demo', note: 'Asked for in the demo on 2026-11-02' },
    ...overrides,
  };
}

export function aDependency(overrides: Partial<DependencyInput> = {}): DependencyInput {
  return {
    id: 'azure-app',
    title: 'Customer registers the Azure AD app',
    side: 'customer',
    owner: EMAIL.customerOwner,
    due: 'kickoff+3bd',
    blocks: ['sso'],
    ...overrides,
  };
}

export function aRisk(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    id: 'peak',
    title: 'Peak-season freeze may push go-live',
    severity: 'high',
    owner: 'delivery-owner',
    due: '2027-01-15',
    mitigation: 'Pilot before the holiday freeze',
    ...overrides,
  };
}

export function aQuestion(overrides: Partial<QuestionInput> = {}): QuestionInput {
  return {
    id: 'first-depot',
    title: 'Which depot pilots first?',
    owner: 'comms-owner',
    due: 'kickoff+2bd',
    ...overrides,
  };
}

export function anException(overrides: Partial<ExceptionInput> = {}): ExceptionInput {
  return {
    id: 'discount',
    title: '10% first-year discount',
    kind: 'pricing',
    approvedBy: EMAIL.cfo,
    record: 'https://crm.example.com/deals/123#approval',
    ...overrides,
  };
}

export function someSignoffs(overrides: Partial<SignoffsInput> = {}): SignoffsInput {
  return {
    sales: { by: EMAIL.sales, at: '2026-11-27', statement: 'no-undocumented-promises' },
    operations: { by: EMAIL.ops, at: '2026-11-30' },
    delivery: { by: EMAIL.delivery, at: '2026-11-30', status: 'ready' },
    ...overrides,
  };
}

export function aTransfer(overrides: Partial<TransferInput> = {}): TransferInput {
  return {
    from: 'old.owner@vendor.example',
    to: EMAIL.delivery,
    effective: 'kickoff',
    note: 'Open risks: the holiday freeze. Next: confirm the pilot depot. Edge cases: ask Priya.',
    relationshipContext: 'Hank prefers a weekly written update on Fridays.',
    ...overrides,
  };
}

/** A valid `core` record that gates `go` at TODAY with no blockers and no warnings. */
export function aRecord(overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    version: 1,
    id: 'globex-rollout',
    title: 'Globex fleet tracking rollout',
    scenario: 'core',
    implementationModel: 'standard-onboarding',
    customer: aCustomer(),
    deal: aDeal(),
    outcome: anOutcome(),
    scope: aScope(),
    timeline: aTimeline(),
    technicalEnvironment: aTechnicalEnvironment(),
    people: somePeople(),
    promises: [aPromise(), anExcludedPromise()],
    dependencies: [aDependency()],
    risks: [aRisk()],
    questions: [aQuestion()],
    exceptions: [anException()],
    signoffs: someSignoffs(),
    ...overrides,
  };
}

/**
 * A record that meets every scenario's required AND recommended checklist, so it gates `go`
 * with no warnings whatever its scenario; removing any one field shows exactly that rule.
 * Nothing refers to the milestone or the promises by id, so each list can be removed alone.
 */
export function aCompleteRecord(scenario: Scenario, overrides: Partial<RecordInput> = {}): RecordInput {
  return aRecord({
    scenario,
    customer: aCustomer({
      channel: 'Slack Connect #globex',
      contacts: [
        aContact({
          name: 'Hank Scorpio',
          email: EMAIL.customerSponsor,
          roles: ['decision-maker', 'executive-sponsor', 'billing-owner'],
        }),
        aContact({ roles: ['day-to-day-owner', 'technical-owner', 'security-reviewer'] }),
      ],
    }),
    deal: aDeal({
      commercialNotes: 'List price; 20% margin assumed.',
      billingTriggers: [
        { event: 'kickoff', share: '30%' },
        { event: 'go-live', share: '70%' },
      ],
    }),
    outcome: anOutcome({
      whyNow: 'Peak season starts in March.',
      currentState: 'Dispatchers track trucks in a shared spreadsheet.',
      launchCriteria: ['Pilot depot live for two weeks without incidents'],
      accountHistory: 'Healthy account; one late invoice in 2025.',
    }),
    scope: aScope({
      changeControl: ['Depots beyond the first one'],
      changes: {
        added: ['Second depot'],
        removed: ['Paper reports'],
        unchanged: ['Support plan'],
        effectiveDate: 'kickoff',
      },
    }),
    timeline: aTimeline({ reviewCheckpoint: 'kickoff+10d' }),
    technicalEnvironment: aTechnicalEnvironment({
      constraints: ['Security review before any data leaves the tenant'],
      migration: 'Two years of history from LegacyDispatch 4.',
      cutoverWindow: 'Saturday night, 22:00–02:00 UK time.',
      rollback: 'Switch dispatch back to the spreadsheet within one hour.',
      testData: 'An anonymised export of one depot.',
      sla: '99.9% uptime, 4h response.',
    }),
    people: somePeople({
      'success-owner': 'cs.lead@vendor.example',
      'technical-lead': 'tech.lead@vendor.example',
      'operations-owner': EMAIL.ops,
      'backup-owner': 'backup@vendor.example',
    }),
    dependencies: [aDependency({ blocks: undefined })],
    transfer: aTransfer(),
    links: [{ title: 'Discovery notes', url: 'https://docs.example.com/globex/notes' }],
    ...overrides,
  });
}

/** Validates a built record and fails the test with every problem when it is not valid. */
export function parse(input: unknown): HandoffRecord {
  const result = validateRecord(input);
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n');
    expect.fail(`the test record is not valid:\n${lines}`);
  }
  return result.value;
}

/** A deep copy of `input` without the field at `path` (`deal.contract.start`). */
export function without(input: unknown, path: string): unknown {
  const copy: unknown = structuredClone(input);
  const keys = path.split('.');
  const last = keys.pop();
  let node: unknown = copy;
  for (const key of keys) {
    node = isObject(node) ? node[key] : undefined;
  }
  if (isObject(node) && last !== undefined) Reflect.deleteProperty(node, last);
  return copy;
}

/** A deep copy of `input` with `value` written at `path`. */
export function withValue(input: unknown, path: string, value: unknown): unknown {
  const copy: unknown = structuredClone(input);
  const keys = path.split('.');
  const last = keys.pop();
  let node: unknown = copy;
  for (const key of keys) {
    node = isObject(node) ? node[key] : undefined;
  }
  if (!isObject(node) || last === undefined) throw new Error(`no object at ${formatPath(keys)}`);
  node[last] = value;
  return copy;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
