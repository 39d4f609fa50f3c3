import type { ChangeSet } from '../../domain/change/change-set';
import type { PlanTarget } from '../../domain/plan/plan-types';
import type { TwoWayCoverage } from '../../domain/change/tracker-coverage';
import { createSender } from '../../provision/retry';
import { readyToApply } from '../../usecases/change/apply';
import { approveChange, rejectChange } from '../../usecases/change/decide';
import { proposeChange } from '../../usecases/change/propose';
import { watchChangeRequest } from '../asana/watch-change-request';
import { reviewChange, type ChangeReview } from '../../usecases/change/review';
import { jiraPeopleLookup } from '../jira/people-lookup';
import type { ChangeHistoryView, TransferView } from '../queue/job-kinds';
import { inlineOrJob, startJob, type Background } from '../queue/jobs';
import { jobResolver, jobPayload, type JobPayload, type JobView } from './job-resolver';
import {
  changeKeyPayload,
  proposePayload,
  rejectPayload,
  transferPayload,
  type ChangeKeyPayload,
  type ProposePayload,
  type RejectPayload,
  type TransferPayload,
} from './change-payloads';
import {
  changeOptions,
  forgetDecided,
  pushApply,
  recordHistory,
  refusalError,
  refuseUnlessApplyMay,
  type ApplyView,
} from '../queue/changes';
import { backgroundAsana, trackerFor } from '../tracker-for';
import type { App } from '../deps';
import { HandoffError, type ResolverResult } from '../errors';
import { emptyPayload, type EmptyPayload } from './payloads';
import { loadValidRecord, recordFrom } from './records';
import { actorOf, defineHandler, type Caller } from './resolver-kit';
import { refuseUnlessBackgroundMay, TRANSFER_NEEDS } from '../jira/background-rights';
import { settingsStore } from '../storage/settings';
import { withProjectDefaults } from '../../domain/record/project-defaults';

export type ProposeView =
  | { kind: 'proposed' | 'already-proposed'; key: string; url: string; change: ChangeSet }
  | { kind: 'unchanged'; change: ChangeSet };
/**
 * `applying: 'queued'`: the approval went through and the change
 * is being applied in the background (watch `changeHistory`).
 */
export type DecisionView = { key: string; status: 'approved' | 'rejected'; by: string; applying: 'queued' | null };
export type { ChangeHistoryView, TransferView };
/** A change request as its approver sees it, read from Jira; `refusal` says why the caller may not decide. */
export type ReviewView = ChangeReview;
/** An approved change is applied in the queue (as approval does); one already applied says by whom. */
export type ApplyQueued = { kind: 'queued'; key: string } | Extract<ApplyView, { kind: 'already-applied' }>;

/** The change-control resolvers, by name, as the panel calls them (part of `HandoffDefinitions`). */
export type ChangeDefinitions = {
  reviewChange: (payload: ChangeKeyPayload) => ResolverResult<ReviewView>;
  proposeChange: (payload: ProposePayload) => ResolverResult<ProposeView>;
  approveChange: (payload: ChangeKeyPayload) => ResolverResult<DecisionView>;
  rejectChange: (payload: RejectPayload) => ResolverResult<DecisionView>;
  applyChange: (payload: ChangeKeyPayload) => ResolverResult<ApplyQueued>;
  changeHistory: (payload: EmptyPayload) => ResolverResult<Background<ChangeHistoryView>>;
  transferOwner: (payload: TransferPayload) => ResolverResult<{ state: 'queued'; jobId: string }>;
  coverage: (payload: EmptyPayload) => ResolverResult<Background<TwoWayCoverage>>;
  job: (payload: JobPayload) => ResolverResult<JobView>;
};

/** The change options of the caller's project, with the retry policy that keeps to the resolver budget. */
const optionsOf = (app: App, caller: Caller) => ({ ...changeOptions(app, caller.projectKey), policy: caller.policy });

/**
 * A change request of this project's, in its target's terms: a change request elsewhere is not
 * this page's to decide. On Jira, an issue of the project; on an Asana target, a task gid (digits
 * only), which names no project: the request's sealed state in this project's storage binds it to
 * the record (change-seals.ts), and a task of another record fails that check.
 */
export function ownKey(caller: Caller, key: string, target: PlanTarget = 'jira'): string {
  const own = target === 'asana' ? /^\d{1,30}$/.test(key) : key.startsWith(`${caller.projectKey}-`);
  if (!own)
    throw new HandoffError('BAD_REQUEST', `${key} is not a change request of ${caller.projectKey}.`, [
      {
        path: 'key',
        message: target === 'asana' ? 'must be an Asana task id' : `must be an issue of ${caller.projectKey}`,
      },
    ]);
  return key;
}

/**
 * The apply runs in the queue, as the app: in Jira, the app and the approver must both have the
 * rights it needs; in Asana, the app needs its own grant (the approver's connection stays theirs).
 */
async function refuseUnlessBackgroundApplies(app: App, caller: Caller, key: string, target: PlanTarget) {
  if (target === 'asana') backgroundAsana(app, caller.projectKey);
  else await refuseUnlessApplyMay(caller.rightsOf, { projectKey: caller.projectKey, key, approver: caller.accountId });
}

/** A change request of the caller's project as they review it (the project page, the issue context). */
export async function reviewAs(app: App, caller: Caller, key: string): Promise<ReviewView> {
  const { tracker, target } = await trackerFor(app, actorOf(caller));
  const lookup = jiraPeopleLookup(tracker, caller.jira);
  const result = await reviewChange(tracker, ownKey(caller, key, target), optionsOf(app, caller), (account) =>
    lookup.nameOf(account),
  );
  if (result.kind === 'refused') throw refusalError(result);
  return result.review;
}

/**
 * Change control from the project page, as the user (so Jira's own permissions and the
 * approval owner's identity apply): the stored record is the base, a proposal goes to a
 * change-request issue, the approval owner approves (then it is applied in the background)
 * or rejects, and only an applied change replaces the stored record.
 */
export function changeResolvers(app: App) {
  return {
    proposeChange: defineHandler(app, proposePayload, async (payload, caller): Promise<ProposeView> => {
      // The project settings' approval owner decides where the record names none (both sides, so it is no change).
      const { settings } = await settingsStore(app.kvs).load(caller.projectKey);
      const base = withProjectDefaults(await loadValidRecord(app.store, caller.projectKey), settings);
      const { reasons, ...record } = payload;
      const proposed = withProjectDefaults(recordFrom(record), settings);
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      const result = await proposeChange(
        tracker,
        { base, proposed, target, today: app.today(), reasons },
        optionsOf(app, caller),
      );
      if (result.kind === 'refused') throw refusalError(result);
      if (result.kind === 'unchanged') return { kind: 'unchanged', change: result.change };
      if (result.kind === 'proposed') {
        const watch = target === 'asana' ? await watchChangeRequest(app, caller.projectKey, result.key) : null;
        await recordHistory(
          app,
          caller.projectKey,
          caller.accountId,
          'change-proposed',
          `${result.key}: ${result.change.added.length} added, ` +
            `${result.change.removed.length} descoped, ${result.change.changed.length} changed` +
            (watch && !watch.atOnce ? `; completed in Asana, it is applied by the daily check: ${watch.why}` : ''),
        );
      }
      return { kind: result.kind, key: result.key, url: result.url, change: result.change };
    }),

    reviewChange: defineHandler(app, changeKeyPayload, async ({ key }, caller) => reviewAs(app, caller, key)),

    approveChange: defineHandler(app, changeKeyPayload, async ({ key }, caller): Promise<DecisionView> => {
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      // The approval queues the apply: refused before it, so a change is never approved and then stuck.
      await refuseUnlessBackgroundApplies(app, caller, ownKey(caller, key, target), target);
      const result = await approveChange(tracker, key, optionsOf(app, caller));
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
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      const result = await rejectChange(tracker, ownKey(caller, key, target), reason, optionsOf(app, caller));
      if (result.kind === 'refused') throw refusalError(result);
      await recordHistory(app, caller.projectKey, caller.accountId, 'change-rejected', `${key}: ${reason}`);
      await forgetDecided(app, caller.projectKey, key);
      return { key, status: 'rejected', by: result.by.name, applying: null };
    }),

    // The checks are a few reads, answered at once; the writing (any size of change) goes to the queue.
    applyChange: defineHandler(app, changeKeyPayload, async ({ key }, caller): Promise<ApplyQueued> => {
      const options = optionsOf(app, caller);
      const { tracker, target } = await trackerFor(app, actorOf(caller));
      const ready = await readyToApply(tracker, ownKey(caller, key, target), createSender(options.policy), options);
      if (ready.kind === 'not-approved') throw new HandoffError('NOT_YET', ready.reason);
      if (ready.kind === 'refused') throw refusalError(ready);
      if (ready.kind === 'already-applied') return { kind: 'already-applied', key, by: ready.by, at: ready.at };
      await refuseUnlessBackgroundApplies(app, caller, key, target);
      await pushApply(app, caller.projectKey, key);
      return { kind: 'queued', key };
    }),

    changeHistory: defineHandler(app, emptyPayload, async (_, caller) => inlineOrJob(app, caller, 'change-history')),

    // One PUT per open ticket can take minutes: always a job, which the panel watches.
    transferOwner: defineHandler(app, transferPayload, async ({ from, to }, caller) => {
      await loadValidRecord(app.store, caller.projectKey);
      // The queue moves the tickets as the app: the caller and the app must each be able to.
      await refuseUnlessBackgroundMay(caller.rightsOf, {
        projectKey: caller.projectKey,
        startedBy: caller.accountId,
        needs: TRANSFER_NEEDS,
        what: `move ${from}'s open tickets to ${to}`,
      });
      return startJob(app, caller, 'transfer-owner', { from, to });
    }),

    coverage: defineHandler(app, emptyPayload, async (_, caller) => inlineOrJob(app, caller, 'coverage')),

    job: defineHandler(app, jobPayload, async (payload, caller) => jobResolver(app, caller, payload)),
  };
}
