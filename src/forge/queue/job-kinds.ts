import type { TwoWayCoverage } from '../../domain/change/tracker-coverage';
import type { RetryPolicy } from '../../provision/retry';
import { changeHistory, type ChangeHistory } from '../../usecases/change/history';
import { coverageReport } from '../../usecases/coverage-report';
import { transferOwner } from '../../usecases/transfer-owner';
import type { App } from '../deps';
import { loadValidRecord } from '../resolvers/records';
import { changeOptions, recordHistory, refusalError } from './changes';
import { trackerFor, type Actor } from '../tracker-for';
import type { Job, JobKind, JobProgress } from './job-store';
import { busyOnClaim, forgeRun, takeClaim } from './tracker-claim';
import { counted, ticketNoun } from '../../domain/words';

export type ChangeHistoryView = Omit<ChangeHistory, 'calls'>;
export type TransferView = {
  from: string;
  to: string;
  moved: Array<{ itemId: string; key: string }>;
  failed: Array<{ itemId: string; error: string }>;
};
/** What each kind of job answers when done (the panel reads its pages back as this). */
export type JobResults = {
  'transfer-owner': TransferView;
  coverage: TwoWayCoverage;
  'change-history': ChangeHistoryView;
};

/** One kind's work, as a resolver runs it inline or a job in the queue: `actor` and `policy` keep to their deadline. */
export type JobWork = {
  app: App;
  /** The job's id in the queue (every slice the same), a fresh one inline. */
  runId: string;
  actor: Actor;
  policy: RetryPolicy;
  input: Job['input'];
  /** What earlier slices of this job moved (a transfer's keys): the last slice reports them too. */
  movedBefore: readonly string[];
  progress: (progress: Pick<JobProgress, 'phase' | 'done' | 'total' | 'movedKeys'>) => void;
};

/** Every proposal, decision and application of the record's changes, read from Jira. */
async function historyOf({ app, actor, policy }: JobWork): Promise<ChangeHistoryView> {
  const record = await loadValidRecord(app.store, actor.projectKey);
  const { tracker } = await trackerFor(app, actor);
  const { changes, events, recordId } = await changeHistory(tracker, record.id, {
    ...changeOptions(app, actor.projectKey),
    policy,
  });
  return { recordId, changes, events };
}

/** Coverage both ways: one search page per 100 tickets, so large records may take a while. */
async function coverageOf({ app, actor, policy }: JobWork): Promise<TwoWayCoverage> {
  const record = await loadValidRecord(app.store, actor.projectKey);
  const { tracker, target } = await trackerFor(app, actor);
  const report = await coverageReport(tracker, record, {
    target,
    ...changeOptions(app, actor.projectKey),
    policy,
  });
  return {
    recordId: report.recordId,
    complete: report.complete,
    promises: report.promises,
    withoutTicket: report.withoutTicket,
    withoutPromise: report.withoutPromise,
    exclusions: report.exclusions,
  };
}

/**
 * Owner transfer, one PUT per open ticket. Resumable: a ticket moved already is not touched
 * again, so a job that ran out of time continues in its next slice where this one stopped.
 */
async function transferOf(work: JobWork): Promise<TransferView> {
  const { app, runId, actor, policy, input, progress } = work;
  const { from = '', to = '' } = input;
  const record = await loadValidRecord(app.store, actor.projectKey);
  // The tracker claim keeps out a transfer, apply or provisioning of the record anywhere else;
  // the job's id as its nonce lets the next slice take over a claim this one could not release.
  const { tracker, target } = await trackerFor(app, actor);
  const run = forgeRun(app, tracker, runId);
  const release = await takeClaim(app, run, record.id);
  // Saved with the progress, so a slice that runs out of time hands the next one what it moved.
  const movedKeys = [...work.movedBefore];
  const result = await busyOnClaim(() =>
    transferOwner(
      run.tracker,
      { record, transfer: { from, to }, today: app.today(), target },
      {
        ...changeOptions(app, actor.projectKey),
        policy,
        movedBefore: work.movedBefore,
        onMoved: (key) => movedKeys.push(key),
        onProgress: (done, total) => progress({ phase: 'moving', done, total, movedKeys: [...movedKeys] }),
      },
    ),
  ).finally(release);
  if (result.kind === 'refused') throw refusalError(result);
  await recordHistory(
    app,
    actor.projectKey,
    actor.by,
    'owner-transferred',
    `${counted(result.moved.length, `open ${ticketNoun(target)}`)} moved from ${from} to ${to}; ` +
      `${result.failed.length} failed`,
  );
  return { from, to, moved: result.moved, failed: result.failed };
}

export const JOB_WORK: { [K in JobKind]: (work: JobWork) => Promise<JobResults[K]> } = {
  'transfer-owner': transferOf,
  coverage: coverageOf,
  'change-history': historyOf,
};
