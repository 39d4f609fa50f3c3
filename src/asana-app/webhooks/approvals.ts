import { paragraph, strong, text } from '../../domain/rich-text';
import { counted } from '../../domain/words';
import type { ChangeTracker } from '../../provision/change-tracker';
import { createSender } from '../../provision/retry';
import { applyChange, fullyApplied } from '../../usecases/change/apply';
import { judgeStatusMove } from '../../usecases/change/approval-move';
import type { ChangeOptions } from '../../usecases/change/propose';

/** What came of one completed task, for the app server's log and the tests. */
export type ApprovalOutcome =
  | { kind: 'not-a-change-request' | 'settled'; key: string }
  | { kind: 'refused'; key: string; reason: string }
  | { kind: 'applied' | 'already-applied' | 'partly-applied'; key: string };

/** Asana's word for the move the approval owner makes, said in the "not applied" comment. */
const COMPLETED = 'Completed';

/**
 * A task of a watched project was completed: if it is a change request, and the one who
 * completed it (Asana's `completed_by`, read now, not the event's `user`: deliveries may come
 * late and out of order, the task says who completed it last) is its approval owner, the change
 * is applied — with every check `handoff change apply` makes (the seal binds the approval owner
 * and the change to this task, so a completion only approves what was proposed on it). Someone
 * else's completion is answered on the task and applies nothing. Safe to run twice: an applied
 * change records so on its task, and a second run finds it.
 */
export async function approveOnCompletion(
  tracker: ChangeTracker,
  key: string,
  options: ChangeOptions & { today: string },
): Promise<ApprovalOutcome> {
  const verdict = await judgeStatusMove(tracker, { key, status: COMPLETED, by: null }, options);
  if (verdict.kind === 'not-a-change-request' || verdict.kind === 'settled') return { kind: verdict.kind, key };
  if (verdict.kind === 'refused')
    return { kind: 'refused', key, reason: 'completed by someone other than the approval owner' };
  const result = await applyChange(tracker, key, options);
  if (result.kind === 'applied') {
    if (fullyApplied(result)) return { kind: 'applied', key };
    const failed = result.failed.length + result.provision.links.failed.length;
    await say(
      tracker,
      key,
      options,
      `${counted(failed, 'change')} failed (${result.failed[0]?.error ?? 'links'}); ` +
        'what went through is kept — mark this task incomplete and complete it again to finish',
    );
    return { kind: 'partly-applied', key };
  }
  if (result.kind === 'already-applied') return { kind: 'already-applied', key };
  await say(tracker, key, options, result.reason);
  return { kind: 'refused', key, reason: result.reason };
}

/** A "Not applied." comment on the change request, so whoever completed it sees why. */
async function say(tracker: ChangeTracker, key: string, options: ChangeOptions, reason: string): Promise<void> {
  await createSender(options.policy)(
    () => tracker.comment(key, [paragraph(strong('Not applied. '), text(reason))]),
    'create',
  );
}
