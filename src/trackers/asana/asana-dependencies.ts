import type { LinkOutcome, LinkRequest } from '../../provision/tracker';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import { batchResults, read } from './asana-schemas';

type Context = { apis: AsanaApis; caller: ReturnType<typeof createAsanaCaller> };

/**
 * POST /tasks/{task_gid}/addDependencies (or removeDependencies) for each task of `links`, all
 * in one POST /batch (at most ten); each task gets all its blockers at once (Asana allows 30
 * dependencies + dependents a task). Adding or removing twice changes nothing, so an action
 * that met 5xx or 429 is answered as transient: the engine simply asks again.
 */
export async function dependencyBatch(
  ctx: Context,
  links: readonly LinkRequest[],
  endpoint: 'addDependencies' | 'removeDependencies',
): Promise<LinkOutcome[]> {
  const actions = links.map(({ blocked, blockers }) => ({
    method: 'post',
    relative_path: `/tasks/${blocked}/${endpoint}`,
    data: { dependencies: [...blockers] },
  }));
  const response = await ctx.caller.call(
    'POST /batch',
    () => ctx.apis.batch.createBatchRequest({ data: { actions } }),
    actions,
  );
  const results = read(batchResults, response, 'POST /batch').data;
  return links.flatMap(({ blocked, blockers }, i): LinkOutcome[] => {
    const result = results[i];
    if (result && result.status_code < 300) return blockers.map((blocker) => ({ blocked, blocker, ok: true }));
    const status = result?.status_code ?? 0;
    const error =
      `[asana] ${status || 'no answer'} on POST /tasks/{task_gid}/${endpoint}: ` +
      `${result?.body?.errors?.map((e) => e.message).join('; ') ?? 'no details'}`;
    const transient = status >= 500 || status === 429 || status === 0;
    return blockers.map((blocker) => ({ blocked, blocker, ok: false, error, transient }));
  });
}
