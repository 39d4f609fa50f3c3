import { z } from 'zod';
import type { HandoffDefinitions } from '../../../src/forge/resolvers/resolvers';
import { exampleText } from '../../forge/support/records';

/** A well-formed payload for every resolver the page can call. */
export const VALID_PAYLOADS = {
  loadRecord: {},
  saveRecord: { text: exampleText('acme-onboarding') },
  validateRecord: { text: exampleText('acme-onboarding') },
  gate: {},
  plan: {},
  provision: {},
  signOff: { role: 'sales' },
  provisioningStatus: {},
  whoAmI: {},
  issueStatuses: {},
  proposeChange: { text: exampleText('acme-onboarding') },
  reviewChange: { key: 'DEL-1' },
  approveChange: { key: 'DEL-1' },
  rejectChange: { key: 'DEL-1', reason: 'Not now.' },
  applyChange: { key: 'DEL-1' },
  changeHistory: {},
  transferOwner: { from: 'maria.lopez@vendor.example', to: 'sam.okafor@vendor.example' },
  coverage: {},
  job: { jobId: '00000000-0000-4000-8000-000000000001' },
  searchPeople: { query: 'maria' },
  namePeople: { emails: ['maria.lopez@vendor.example'] },
  previewTransfer: { from: 'maria.lopez@vendor.example', to: 'sam.okafor@vendor.example' },
  provisionTarget: {},
  setProvisionTarget: { target: { kind: 'asana', workspace: '1200000000000001', team: null } },
  asanaWorkspaces: {},
  connectAsana: {},
  intakeInbox: {},
  openDraft: { recordId: 'hubspot-9876543210' },
  dismissDraft: { recordId: 'hubspot-9876543210' },
  intakeMapping: {},
  saveIntakeMapping: { mapping: {} },
  issueContext: { issueKey: 'DEL-1' },
  loadSettings: {},
  saveSettings: { kickoffIssue: null, kickoffStatus: null, approvalOwner: null, dailyKickoffCheck: true },
} satisfies Record<keyof HandoffDefinitions, Record<string, unknown>>;

export type ResolverName = keyof typeof VALID_PAYLOADS;

/** Every resolver name: a resolver added to HandoffDefinitions without a payload here fails typecheck above. */
export const RESOLVERS = Object.keys(VALID_PAYLOADS).filter((name): name is ResolverName => name in VALID_PAYLOADS);

/** The only two shapes a resolver may answer with (`@forge/resolver` hands the panel exactly this JSON). */
export const answer = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: z.strictObject({
      // INTERNAL, the answer to an exception nobody expected, is deliberately not here.
      code: z.enum([
        'FORBIDDEN',
        'BAD_REQUEST',
        'NOT_FOUND',
        'INVALID_RECORD',
        'NOT_YET',
        'BUSY',
        'CONFLICT',
        'TRACKER',
        'NOT_CONNECTED',
      ]),
      message: z.string().min(1),
      path: z.string().optional(),
      problems: z.array(z.object({ path: z.string(), message: z.string() }).loose()).optional(),
    }),
  }),
]);

/** Project keys and ids made to climb out of a path, cut a query, or confuse a parser. */
export const CRAFTED_KEYS = [
  '../',
  '..',
  '.',
  '..%2F',
  '..%2f',
  '%2e%2e%2f',
  'DEL/../..',
  'DEL/..',
  'DEL?x=1',
  'DEL#x',
  'DEL%23x',
  'DEL&x=1',
  'DEL;x',
  'DEL\\..\\x',
  'DEL\n',
  'DEL\r\nX-Injected: 1',
  ' DEL',
  'DEL ',
  'D',
  'del',
  'DÉL',
  'ＤＥＬ',
  'DEL\u0000',
  'DEL\u202E',
  `D${'E'.repeat(5_000)}L`,
  '',
  '*',
  '%',
];

/** A well-formed key of a project other than the page's: a payload may not name it. */
export const OTHER_PROJECT = 'ABC';
