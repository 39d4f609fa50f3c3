import { makeResolver } from '@forge/resolver';
import { buildPlan, type Plan } from '../../domain/plan/plan';
import { evaluateGate, type FieldRefusal, type GateResult } from '../../domain/gate/gate';
import type { Problem } from '../../domain/problem';
import type { HandoffRecord } from '../../domain/record/record';
import { validateRecord } from '../../domain/record/read-record';
import { trackerIfConnected } from '../tracker-for';
import { assessRecord } from '../../usecases/provision-record';
import { changeResolvers, type ChangeDefinitions } from './change-resolvers';
import { peopleResolvers, type PeopleDefinitions } from './people-resolvers';
import { targetResolvers, type TargetDefinitions } from './target-resolvers';
import { intakeResolvers, type IntakeDefinitions } from '../intake/intake-resolvers';
import { issueContextResolvers, type IssueContextDefinitions } from './issue-context';
import { settingsResolvers, type SettingsDefinitions } from './settings';
import { refuseEditAfterProvisioning } from '../queue/changes';
import { appOf, type ForgeDeps } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { outcomeWith, runViewSchema, type RunOutcome, type RunView } from '../queue/journal';
import {
  emptyPayload,
  recordPayload,
  signOffPayload,
  type EmptyPayload,
  type RecordPayload,
  type SignOffPayload,
} from './payloads';
import { startProvisioning } from '../queue/provisioning';
import { describeRecord, loadValidRecord, recordFrom, saveRecord } from './records';
import { actorOf, defineHandler } from './resolver-kit';
import { markKickoffIssue } from './kickoff-mark';
import { describeSignoff, signingAs, whoAmI, withSignoff, type WhoAmIView } from './signoff';
import { issueStatuses, type IssueStatusesView } from './issue-statuses';
import type { HistoryEntry } from '../storage/storage';

export type LoadedRecord = {
  record: unknown;
  problems: Problem[];
  savedAt: string | null;
  savedBy: string | null;
  /** The newest HISTORY_SHOWN entries, oldest first, of `historyTotal`. */
  history: HistoryEntry[];
  historyTotal: number;
};
/** History entries `loadRecord` answers with: the panel's list, bounded however long a project lives. */
export const HISTORY_SHOWN = 200;
/**
 * The gate of the saved record, and what Jira said while checking it, so the page can re-run the
 * same pure gate on the lead's unsaved draft: `assignable` answers, by e-mail, whether each person
 * the plan assigned could be assigned; `refusals` is what the project's screens refuse. `lookedUp`
 * is false where the record goes to Asana and the reader has not connected their Asana account:
 * nobody was looked up, so the gate is the record's own.
 */
export type GateView = GateResult & {
  today: string;
  items: number;
  tracker: { name: string; assignable: Record<string, boolean>; refusals: FieldRefusal[]; lookedUp: boolean };
};
export type ProvisionView = { mode: 'inline'; runId: string; outcome: RunOutcome } | { mode: 'queued'; runId: string };
export type StatusView = { run: RunView | null; running: boolean; stalled: boolean };

/** The resolvers, by name, as the panel calls them (`invoke<HandoffDefinitions>` with these types). */
export type HandoffDefinitions = {
  loadRecord: (payload: EmptyPayload) => ResolverResult<LoadedRecord>;
  saveRecord: (payload: RecordPayload) => ResolverResult<{ record: HandoffRecord; history: HistoryEntry }>;
  validateRecord: (payload: RecordPayload) => ResolverResult<{ record: HandoffRecord }>;
  gate: (payload: EmptyPayload) => ResolverResult<GateView>;
  plan: (payload: EmptyPayload) => ResolverResult<Plan>;
  provision: (payload: EmptyPayload) => ResolverResult<ProvisionView>;
  signOff: (payload: SignOffPayload) => ResolverResult<{ signoffs: HandoffRecord['signoffs']; history: HistoryEntry }>;
  provisioningStatus: (payload: EmptyPayload) => ResolverResult<StatusView>;
  whoAmI: (payload: EmptyPayload) => ResolverResult<WhoAmIView>;
  issueStatuses: (payload: EmptyPayload) => ResolverResult<IssueStatusesView>;
} & ChangeDefinitions &
  PeopleDefinitions &
  TargetDefinitions &
  IntakeDefinitions &
  IssueContextDefinitions &
  SettingsDefinitions;

/**
 * The project page's resolvers: each checks permission, parses, calls the same core and engine
 * as the CLI, and maps the answer. Returns `@forge/resolver`'s definitions handler, which is
 * what Forge invokes (and what the tests call).
 */
export function createResolvers(deps: ForgeDeps) {
  const app = appOf(deps);
  return makeResolver<HandoffDefinitions>({
    loadRecord: defineHandler(app, emptyPayload, async (_, caller) => {
      const stored = await app.store.loadRecord(caller.projectKey);
      if (!stored) return { record: null, problems: [], savedAt: null, savedBy: null, history: [], historyTotal: 0 };
      const valid = validateRecord(stored.record);
      const history = await app.store.history(caller.projectKey, HISTORY_SHOWN);
      return {
        record: stored.record,
        problems: valid.ok ? [] : valid.problems,
        savedAt: stored.savedAt,
        savedBy: stored.savedBy,
        history: history.entries,
        historyTotal: history.total,
      };
    }),

    saveRecord: defineHandler(app, recordPayload, async (payload, caller) => {
      const record = recordFrom(payload);
      await refuseEditAfterProvisioning(app, caller.projectKey, record);
      await markKickoffIssue(caller.jira, record, app.policy);
      return { record, history: await saveRecord(app, caller, record, 'saved', describeRecord(record)) };
    }),

    validateRecord: defineHandler(app, recordPayload, async (payload) => ({ record: recordFrom(payload) })),

    gate: defineHandler(app, emptyPayload, async (_, caller) => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const today = app.today();
      const { tracker, target } = await trackerIfConnected(app, actorOf(caller));
      // Someone who has not connected their Asana account still sees go or not yet: the gate of the
      // record itself, its owners not looked up in Asana, which the banner says (and provisioning checks).
      if (!tracker) {
        const gate = evaluateGate(record, { today });
        const items = buildPlan(record, { target }).items.length;
        return { ...gate, today, items, tracker: { name: target, assignable: {}, refusals: [], lookedUp: false } };
      }
      const { plan, gate, accounts, refusals } = await assessRecord(record, tracker, {
        target,
        today,
        policy: caller.policy,
      });
      const assignable = Object.fromEntries([...accounts].map(([email, account]) => [email, account !== null]));
      const checked = { name: tracker.name, assignable, refusals, lookedUp: true };
      return { ...gate, today, items: plan.items.length, tracker: checked };
    }),

    plan: defineHandler(app, emptyPayload, async (_, caller) =>
      buildPlan(await loadValidRecord(app.store, caller.projectKey), {
        target: (await app.targets.load(caller.projectKey)).kind,
      }),
    ),

    provision: defineHandler(app, emptyPayload, async (_, caller): Promise<ProvisionView> => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const result = await startProvisioning(app, {
        ...caller,
        record,
        trigger: 'user',
        by: caller.accountId,
        commentOn: null,
        inlineAllowed: true,
        policy: caller.policy,
      });
      if (result.kind === 'not-yet')
        throw new HandoffError('NOT_YET', 'The gate says not yet, so nothing was created.', result.blockers);
      if (result.kind === 'busy')
        throw new HandoffError(
          'BUSY',
          result.why ??
            `A provisioning of ${caller.projectKey} is already running; ` +
              `watch its status and try again when it has finished.`,
        );
      return result.kind === 'done'
        ? { mode: 'inline', runId: result.runId, outcome: result.outcome }
        : { mode: 'queued', runId: result.runId };
    }),

    signOff: defineHandler(app, signOffPayload, async (payload, caller) => {
      const saved = await loadValidRecord(app.store, caller.projectKey);
      const { email, me } = await signingAs(caller, saved, payload.role);
      const record = withSignoff(saved, payload, email, app.today());
      return {
        signoffs: record.signoffs,
        history: await saveRecord(app, caller, record, 'signed-off', describeSignoff(payload, me)),
      };
    }),

    whoAmI: defineHandler(app, emptyPayload, async (_, caller) => {
      const stored = await app.store.loadRecord(caller.projectKey);
      const valid = stored && validateRecord(stored.record);
      return whoAmI(caller, valid?.ok ? valid.value : null);
    }),

    provisioningStatus: defineHandler(app, emptyPayload, async (_, caller): Promise<StatusView> => {
      const journal = await app.store.loadJournal(caller.projectKey);
      if (!journal) return { run: null, running: false, stalled: false };
      // The failures' reasons are in their pages, beside the journal: the panel lists every one.
      const pages = app.store.failures(caller.projectKey, journal.runId);
      const outcome = journal.outcome && outcomeWith(journal.outcome, await pages.load(journal.failurePages));
      const run: RunView = { ...runViewSchema.parse(journal), outcome };
      const running = (await app.locks.holder(caller.projectKey)) === journal.runId;
      // A run the journal calls running whose lock is gone died without finishing: provisioning again resumes it.
      return { run, running, stalled: journal.state === 'running' && !running };
    }),

    issueStatuses: defineHandler(app, emptyPayload, (_, caller) => issueStatuses(app, caller)),

    ...changeResolvers(app),
    ...peopleResolvers(app),
    ...targetResolvers(app),
    ...intakeResolvers(app),
    ...issueContextResolvers(app),
    ...settingsResolvers(app),
  });
}
