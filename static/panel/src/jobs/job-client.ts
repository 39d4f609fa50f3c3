import type { ResolverResult } from '../../../../src/forge/errors';
import type { Background } from '../../../../src/forge/queue/jobs';
import type { JobView } from '../../../../src/forge/resolvers/job-resolver';
import * as api from '../api';
import { pollUntil } from '../poll';

/**
 * The value of an answer that may have gone to the background: at once when it is done, else
 * once its job is (watched with the panel's backoff, each view given to `onView`), its result
 * read page by page. Null when `active()` turned false first.
 */
export async function settle<T>(
  answer: ResolverResult<Background<T> | { state: 'queued'; jobId: string }>,
  onView: (view: JobView) => void,
  active: () => boolean,
): Promise<ResolverResult<T> | null> {
  if (!answer.ok) return answer;
  if (answer.value.state === 'done') return { ok: true, value: answer.value.value };
  const { jobId } = answer.value;
  const last = await pollUntil(() => api.job({ jobId }), {
    done: (r) => !r.ok || r.value.state === 'done' || r.value.state === 'failed',
    fingerprint: (r) => (r.ok ? JSON.stringify([r.value.state, r.value.progress]) : ''),
    active,
    onValue: (r) => r.ok && onView(r.value),
  });
  if (!last || !last.ok) return last;
  const view = last.value;
  if (view.state === 'failed')
    return { ok: false, error: { code: 'TRACKER', message: view.error ?? 'The job failed.' } };
  let text = view.page?.text ?? '';
  for (let page = 1; page < view.pages; page += 1) {
    const part = await api.job({ jobId, page });
    if (!part.ok) return part;
    text += part.value.page?.text ?? '';
  }
  // The job's kind fixes the shape: the resolver that started it declares it as T.
  const value: T = JSON.parse(text);
  return { ok: true, value };
}

/** A job's progress in words, as the panel shows it while the job runs. */
export function describeJob(view: JobView): string {
  const { phase, done, total, until } = view.progress;
  const n = (count: number) => count.toLocaleString('en-US');
  if (phase === 'queued') return 'Queued: waiting for the background worker…';
  if (phase === 'waiting')
    return `Waiting for Jira's rate limit until ${until?.slice(11, 16) ?? 'the reset'} UTC; it goes on by itself then…`;
  if (phase === 'moving') return total === null ? 'Moving tickets…' : `Moving ${n(done)} of ${n(total)} tickets…`;
  if (phase === 'done') return 'Done';
  return view.kind === 'coverage' ? "Reading the record's tickets from Jira…" : 'Reading the change history…';
}
