import type { Target } from '../cli/targets/jira';
import { recordRun } from '../cli/provision-lock';
import { cliLedgers } from '../cli/file-ledger';
import { explainFailure } from '../cli/tracker-failure';
import type { RichText } from '../domain/rich-text';
import { provisionRecord } from '../usecases/provision-record';
import { blockersStory, failureStory, outcomeStory } from './outcome-comment';
import type { RecordStore } from './record-store';

/** One provisioning Asana asked for: a stored record, into a workspace (and team), answered on a task. */
export type ProvisionJob = { recordId: string; workspace: string; team?: string; task: string };

/** An Asana as the server's own token reaches it (see README "Asana app": who acts when). */
export type OpenAsana = (place: { workspace: string; team?: string }) => Promise<Target>;

export type JobDeps = {
  records: RecordStore;
  openAsana: OpenAsana;
  /** The day the gate takes as today. */
  today: () => string;
  /** Where the runs' ledgers go (`<data>/ledger/`), beside the server's other files. */
  dataDir: string;
  log: (line: string) => void;
};

/** What a job said on its task, for the record's page and the tests. */
export type JobOutcome = {
  recordId: string;
  task: string;
  kind: 'provisioned' | 'not-yet' | 'failed';
  story: RichText;
};

/**
 * Runs one job the way `handoff provision` does — the same use case, engine, lock file, run
 * claim on the tracker and file ledger — then says the outcome as a comment on the task that
 * asked. A failure becomes a sentence on the task too: Asana's rule already got its answer.
 */
export async function runProvisionJob(job: ProvisionJob, deps: JobDeps): Promise<JobOutcome> {
  const stored = await deps.records.get(job.recordId);
  if (stored === null) {
    const story = failureStory(job.recordId, 'the app server has no record with this id any more.');
    return { ...(await say(job, deps, story)), kind: 'failed' };
  }
  const target = await deps.openAsana({ workspace: job.workspace, team: job.team });
  try {
    const io = { out: deps.log, err: deps.log };
    const run = recordRun(target.tracker, `asana ${target.where}`, io);
    const outcome = await run
      .claimExits(() =>
        provisionRecord(stored.record, run.tracker, {
          target: 'asana',
          today: deps.today(),
          policy: target.policy,
          lock: run.lock,
          ledger: cliLedgers('asana', target, deps.dataDir),
        }),
      )
      .then((result) => {
        if (result.kind === 'provisioned')
          return {
            kind: 'provisioned' as const,
            story: outcomeStory(stored.title, result.report, (gid) => target.tracker.itemUrl(gid)),
          };
        return { kind: 'not-yet' as const, story: blockersStory(stored.title, result.gate.blockers) };
      })
      .catch((error: unknown) => ({
        kind: 'failed' as const,
        story: failureStory(stored.title, reasonOf(error, target)),
      }));
    await target.tracker.comment(job.task, outcome.story);
    return { recordId: job.recordId, task: job.task, ...outcome };
  } finally {
    await target.close();
  }
}

/** Comments with a tracker of its own, when there was no run to hold one. */
async function say(job: ProvisionJob, deps: JobDeps, story: RichText) {
  const target = await deps.openAsana({ workspace: job.workspace, team: job.team });
  try {
    await target.tracker.comment(job.task, story);
    return { recordId: job.recordId, task: job.task, story };
  } finally {
    await target.close();
  }
}

/** The sentence for a failure: the tracker's (naming the setting to fix), else the error's own message. */
function reasonOf(error: unknown, target: Target): string {
  const explained = explainFailure(error, target.settings) ?? error;
  // The CLI's sentences start with the program's name; on a task they speak for themselves.
  const message = (explained instanceof Error ? explained.message : String(explained)).replace(/^handoff: /, '');
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
