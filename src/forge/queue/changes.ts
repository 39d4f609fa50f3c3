import { z } from 'zod';
import { recordHash } from '../../domain/change/diff';
import type { HandoffRecord } from '../../domain/record/record';
import { applyChange, fullyApplied } from '../../usecases/change/apply';
import type { Refusal } from '../../provision/change-types';
import type { App } from '../deps';
import { trackerFor, type Actor } from '../tracker-for';
import { HandoffError } from '../errors';
import { busyOnClaim, forgeRun, takeClaim } from './tracker-claim';
import { changeRequestKey, jiraProjectKey } from '../../domain/record/jira-keys';
import type { HistoryEntry } from '../storage/storage';
import { kvsChangeSeals } from '../storage/change-seals';
import { approvalMarks } from '../storage/approval-marks';
import { unwatchChangeRequest } from '../asana/watch-change-request';
import { validateRecord } from '../../domain/record/read-record';
import { APPLY_NEEDS, refuseUnlessBackgroundMay } from '../jira/background-rights';
import type { RightsOf } from '../jira/permission-cache';
import { replaceRefusal } from '../../domain/record/replace-refusal';

export type { Actor } from '../tracker-for';

type ItemKey = { itemId: string; key: string };
export type ApplyView =
  | {
      kind: 'applied';
      key: string;
      created: ItemKey[];
      updated: ItemKey[];
      descoped: ItemKey[];
      linksRemoved: number;
      failed: Array<{ itemId: string; error: string }>;
    }
  | { kind: 'already-applied'; key: string; by: string; at: string };

/**
 * Applying runs in the queue; a slice of provisioning or another apply
 * holding the lock makes it wait a minute, this many times at most.
 */
const APPLY_ATTEMPTS = 5;
export const applyChangeEvent = z.object({
  kind: z.literal('apply-change'),
  projectKey: jiraProjectKey,
  key: changeRequestKey,
  attempt: z.number().int().min(1),
});
export type ApplyChangeEvent = z.infer<typeof applyChangeEvent>;

/**
 * What every change use case runs with in a project: the policy, the clock, the project's
 * provisioning ledgers, and its change requests' seals.
 */
export const changeOptions = (app: App, projectKey: string) => ({
  policy: app.policy,
  now: () => new Date(app.now()).toISOString(),
  today: app.today(),
  ledger: (recordId: string) => app.store.ledger(projectKey, recordId),
  seals: kvsChangeSeals(app.kvs, projectKey),
});

/** The engine's refusal as the resolvers' error. */
export function refusalError(refusal: Pick<Refusal, 'why' | 'reason'>): HandoffError {
  const code = { 'not-found': 'NOT_FOUND', forbidden: 'FORBIDDEN', conflict: 'CONFLICT' } as const;
  return new HandoffError(code[refusal.why], refusal.reason);
}

export async function recordHistory(
  app: App,
  projectKey: string,
  by: string,
  action: HistoryEntry['action'],
  summary: string,
): Promise<void> {
  await app.store.appendHistory(projectKey, { at: new Date(app.now()).toISOString(), by, action, summary });
}

/**
 * Before an approval sends a change to the queue: the approver (when approving from the page)
 * and the app, which applies it, may each make every kind of write an apply makes.
 */
export function refuseUnlessApplyMay(
  rightsOf: RightsOf,
  change: { projectKey: string; key: string; approver: string | null },
): Promise<void> {
  return refuseUnlessBackgroundMay(rightsOf, {
    projectKey: change.projectKey,
    startedBy: change.approver,
    needs: APPLY_NEEDS,
    what: `apply ${change.key} once it is approved`,
  });
}

/**
 * A change request was decided (applied in full, or rejected): what the app kept to act on its
 * approval goes, the mark of the approval it acted on and, on Asana, the webhook on its task.
 */
export async function forgetDecided(app: App, projectKey: string, key: string): Promise<void> {
  await approvalMarks(app.kvs, projectKey).forget(key);
  await unwatchChangeRequest(app, projectKey, key);
}

/** Applies in the background: one queue event per attempt, carrying only the project and the key. */
export async function pushApply(app: App, projectKey: string, key: string, attempt = 1): Promise<void> {
  await app.queue.push({
    body: { kind: 'apply-change', projectKey, key, attempt },
    ...(attempt > 1 ? { delayInSeconds: 60 } : {}),
  });
}

/**
 * Applies a change under the project's lock (one provisioning or apply at a time), then makes
 * the proposed record the stored truth — only once everything went through. Throws BUSY when
 * the lock is held, and the engine's refusals as HandoffErrors.
 */
export async function applyUnderLock(app: App, actor: Actor, key: string): Promise<ApplyView> {
  const runId = app.newId();
  if (!(await app.locks.acquire(actor.projectKey, runId, app.limits.lockMs)))
    throw new HandoffError(
      'BUSY',
      `A provisioning or another change of ${actor.projectKey} is running; ${key} is applied once it has finished.`,
    );
  const run = forgeRun(app, (await trackerFor(app, actor)).tracker, runId);
  const recordId = (await app.store.project(actor.projectKey))?.recordId;
  let releaseClaim = async (): Promise<void> => undefined;
  try {
    if (recordId) releaseClaim = await takeClaim(app, run, recordId);
    const result = await busyOnClaim(() => applyChange(run.tracker, key, changeOptions(app, actor.projectKey)));
    if (result.kind === 'not-approved') throw new HandoffError('NOT_YET', result.reason);
    if (result.kind === 'refused') throw refusalError(result);
    if (result.kind === 'already-applied') {
      await forgetDecided(app, actor.projectKey, key);
      return result;
    }
    const clean = fullyApplied(result);
    if (clean) {
      const at = new Date(app.now()).toISOString();
      await app.store.saveRecord(actor.projectKey, {
        record: result.record,
        savedAt: at,
        savedBy: actor.by,
        recordId: result.record.id,
        siteUrl: actor.siteUrl,
      });
      await forgetDecided(app, actor.projectKey, key);
    }
    const counts =
      `${result.provision.created.length} created, ${result.updated.length} ` +
      `updated, ${result.descoped.length} descoped, ${result.failed.length} failed`;
    await recordHistory(
      app,
      actor.projectKey,
      actor.by,
      clean ? 'change-applied' : 'change-refused',
      `${key}: ${counts}${clean ? '; the proposed record is now the saved record' : '; apply it again to finish'}`,
    );
    return {
      kind: 'applied',
      key,
      created: result.provision.created,
      updated: result.updated,
      descoped: result.descoped,
      linksRemoved: result.linksRemoved,
      failed: result.failed,
    };
  } finally {
    await releaseClaim();
    await app.locks.release(actor.projectKey, runId);
  }
}

/** The consumer's part: apply as the app; a held lock sends the event round again a minute later. */
export async function continueApply(app: App, event: ApplyChangeEvent): Promise<void> {
  const entry = await app.store.project(event.projectKey);
  if (!entry) return;
  try {
    await applyUnderLock(
      app,
      { projectKey: event.projectKey, siteUrl: entry.siteUrl, jira: app.jiraAsApp(), by: 'app' },
      event.key,
    );
  } catch (error) {
    if (!(error instanceof HandoffError)) throw error;
    if (error.code === 'BUSY' && event.attempt < APPLY_ATTEMPTS)
      return pushApply(app, event.projectKey, event.key, event.attempt + 1);
    await recordHistory(app, event.projectKey, 'app', 'change-refused', `${event.key}: ${error.message}`);
  }
}

/**
 * "Proposals, not edits": once the stored record has been provisioned, saving a different
 * version of it is refused — the change goes through `proposeChange` — and so is saving another
 * record over it, which would cut the project's live issues and open change requests off from
 * their record with nothing to undo it.
 */
export async function refuseEditAfterProvisioning(app: App, projectKey: string, record: HandoffRecord): Promise<void> {
  const journal = await app.store.loadJournal(projectKey);
  const stored = await app.store.loadRecord(projectKey);
  const current = stored && validateRecord(stored.record);
  if (journal?.state !== 'done' || !current?.ok || journal.recordId !== current.value.id) return;
  if (current.value.id !== record.id)
    throw new HandoffError('CONFLICT', replaceRefusal(current.value.title, record.title, projectKey));
  if (recordHash(current.value) === recordHash(record)) return;
  throw new HandoffError(
    'CONFLICT',
    `"${record.title}" has been provisioned, so a change to it is a proposal, not an ` +
      `edit: propose it as a change (Propose change) and it is applied once the approval owner approves.`,
  );
}
