import type { ChangeSet } from '../../domain/change/change-set';
import type { TwoWayCoverage } from '../../domain/change/tracker-coverage';
import { approveChange, rejectChange } from '../../usecases/change/decide';
import { changeHistory, type ChangeHistory } from '../../usecases/change/history';
import { proposeChange } from '../../usecases/change/propose';
import { coverageReport } from '../../usecases/coverage-report';
import { transferOwner } from '../../usecases/transfer-owner';
import { busyOnClaim, forgeRun, takeClaim } from '../queue/tracker-claim';
import {
  changeKeyPayload,
  rejectPayload,
  transferPayload,
  type ChangeKeyPayload,
  type RejectPayload,
  type TransferPayload,
} from './change-payloads';
import {
  applyUnderLock,
  changeOptions,
  pushApply,
  recordHistory,
  refusalError,
  refuseUnlessApplyMay,
  trackerFor,
  type Actor,
  type ApplyView,
} from '../queue/changes';
import type { App } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { emptyPayload, recordPayload, type EmptyPayload, type RecordPayload } from './payloads';
import { loadValidRecord, recordFrom } from './records';
import { defineHandler, type Caller } from './resolver-kit';

export type ProposeView =
  | { kind: 'proposed' | 'already-proposed'; key: string; url: string; change: ChangeSet }
  | { kind: 'unchanged'; change: ChangeSet };
/**
 * `applying: 'queued'`: the approval went through and the change
 * is being applied in the background (watch `changeHistory`).
 */
export type DecisionView = { key: string; status: 'approved' | 'rejected'; by: string; applying: 'queued' | null };
export type ChangeHistoryView = Omit<ChangeHistory, 'calls'>;
export type TransferView = {
  from: string;
  to: string;
  moved: Array<{ itemId: string; key: string }>;
  failed: Array<{ itemId: string; error: string }>;
};

/** The change-control resolvers, by name, as the panel calls them (part of `HandoffDefinitions`). */
export type ChangeDefinitions = {
  proposeChange: (payload: RecordPayload) => ResolverResult<ProposeView>;
  approveChange: (payload: ChangeKeyPayload) => ResolverResult<DecisionView>;
  rejectChange: (payload: RejectPayload) => ResolverResult<DecisionView>;
  applyChange: (payload: ChangeKeyPayload) => ResolverResult<ApplyView>;
  changeHistory: (payload: EmptyPayload) => ResolverResult<ChangeHistoryView>;
  transferOwner: (payload: TransferPayload) => ResolverResult<TransferView>;
  coverage: (payload: EmptyPayload) => ResolverResult<TwoWayCoverage>;
};

const actorOf = (caller: Caller): Actor => ({
  projectKey: caller.projectKey,
  siteUrl: caller.siteUrl,
  jira: caller.jira,
  by: caller.accountId,
});

/** A key of this project's: a change request elsewhere is not this page's to decide. */
function ownKey(caller: Caller, key: string): string {
  if (!key.startsWith(`${caller.projectKey}-`))
    throw new HandoffError('BAD_REQUEST', `${key} is not an issue of ${caller.projectKey}.`, [
      { path: 'key', message: `must be an issue of ${caller.projectKey}` },
    ]);
  return key;
}

/**
 * Change control from the project page, as the user (so Jira's own permissions and the
 * approval owner's identity apply): the stored record is the base, a proposal goes to a
 * change-request issue, the approval owner approves (then it is applied in the background)
 * or rejects, and only an applied change replaces the stored record.
 */
export function changeResolvers(app: App) {
  return {
    proposeChange: defineHandler(app, recordPayload, async (payload, caller): Promise<ProposeView> => {
      const base = await loadValidRecord(app.store, caller.projectKey);
      const result = await proposeChange(
        trackerFor(actorOf(caller)),
        { base, proposed: recordFrom(payload), target: 'jira', today: app.today() },
        changeOptions(app, caller.projectKey),
      );
      if (result.kind === 'refused') throw refusalError(result);
      if (result.kind === 'unchanged') return { kind: 'unchanged', change: result.change };
      if (result.kind === 'proposed')
        await recordHistory(
          app,
          caller.projectKey,
          caller.accountId,
          'change-proposed',
          `${result.key}: ${result.change.added.length} added, ` +
            `${result.change.removed.length} descoped, ${result.change.changed.length} changed`,
        );
      return { kind: result.kind, key: result.key, url: result.url, change: result.change };
    }),

    approveChange: defineHandler(app, changeKeyPayload, async ({ key }, caller): Promise<DecisionView> => {
      // The approval queues the apply: refused before it, so a change is never approved and then stuck.
      await refuseUnlessApplyMay(caller.rightsOf, {
        projectKey: caller.projectKey,
        key: ownKey(caller, key),
        approver: caller.accountId,
      });
      const result = await approveChange(
        trackerFor(actorOf(caller)),
        ownKey(caller, key),
        changeOptions(app, caller.projectKey),
      );
      if (result.kind === 'refused') throw refusalError(result);
      await recordHistory(
        app,
        caller.projectKey,
        caller.accountId,
        'change-approved',
        `${key}: approved by ${result.by.name}`,
      );
      await pushApply(app, caller.projectKey, key);
      return { key, status: 'approved', by: result.by.name, applying: 'queued' };
    }),

    rejectChange: defineHandler(app, rejectPayload, async ({ key, reason }, caller): Promise<DecisionView> => {
      const result = await rejectChange(
        trackerFor(actorOf(caller)),
        ownKey(caller, key),
        reason,
        changeOptions(app, caller.projectKey),
      );
      if (result.kind === 'refused') throw refusalError(result);
      await recordHistory(app, caller.projectKey, caller.accountId, 'change-rejected', `${key}: ${reason}`);
      return { key, status: 'rejected', by: result.by.name, applying: null };
    }),

    applyChange: defineHandler(app, changeKeyPayload, async ({ key }, caller) =>
      applyUnderLock(app, actorOf(caller), ownKey(caller, key)),
    ),

    changeHistory: defineHandler(app, emptyPayload, async (_, caller): Promise<ChangeHistoryView> => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const { changes, events, recordId } = await changeHistory(
        trackerFor(actorOf(caller)),
        record.id,
        changeOptions(app, caller.projectKey),
      );
      return { recordId, changes, events };
    }),

    transferOwner: defineHandler(app, transferPayload, async ({ from, to }, caller): Promise<TransferView> => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      // The tracker claim keeps out a transfer, apply or provisioning of the record anywhere else.
      const run = forgeRun(app, trackerFor(actorOf(caller)), app.newId());
      const release = await takeClaim(app, run, record.id);
      const result = await busyOnClaim(() =>
        transferOwner(
          run.tracker,
          { record, transfer: { from, to }, today: app.today(), target: 'jira' },
          changeOptions(app, caller.projectKey),
        ),
      ).finally(release);
      if (result.kind === 'refused') throw refusalError(result);
      await recordHistory(
        app,
        caller.projectKey,
        caller.accountId,
        'owner-transferred',
        `${result.moved.length} open ticket(s) moved from ${from} to ${to}; ${result.failed.length} failed`,
      );
      return { from, to, moved: result.moved, failed: result.failed };
    }),

    coverage: defineHandler(app, emptyPayload, async (_, caller): Promise<TwoWayCoverage> => {
      const record = await loadValidRecord(app.store, caller.projectKey);
      const report = await coverageReport(trackerFor(actorOf(caller)), record, {
        target: 'jira',
        ...changeOptions(app, caller.projectKey),
      });
      return {
        recordId: report.recordId,
        complete: report.complete,
        promises: report.promises,
        withoutTicket: report.withoutTicket,
        withoutPromise: report.withoutPromise,
        exclusions: report.exclusions,
      };
    }),
  };
}
