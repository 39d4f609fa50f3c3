import { TrackerError } from '../../provision/tracker-error';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import { batchResults, read, throwIfAmbiguous } from './asana-schemas';

type BatchContext = { apis: AsanaApis; caller: ReturnType<typeof createAsanaCaller> };
export type BatchAction = { method: 'get' | 'post' | 'put'; relative_path: string; data?: unknown; options?: unknown };

/**
 * POST /batch for actions that belong together (a field change, a section move and the comment
 * that explains them): one request, each action answered on its own. An action that met 5xx
 * or 429 makes the whole call ambiguous (transient); any other refusal is the call's error.
 * Returns each action's created or read object.
 */
export async function runBatch(ctx: BatchContext, actions: readonly BatchAction[], operation: string) {
  const response = await ctx.caller.call(
    'POST /batch',
    () => ctx.apis.batch.createBatchRequest({ data: { actions: [...actions] } }),
    actions,
  );
  const results = read(batchResults, response, 'POST /batch').data;
  throwIfAmbiguous(results, 'POST /batch');
  const refused = results.find((r) => r.status_code >= 300);
  if (refused) {
    throw new TrackerError({
      tracker: 'asana',
      operation,
      status: refused.status_code,
      detail: refused.body?.errors?.map((e) => e.message).join('; ') ?? 'no details',
    });
  }
  return results.map((r) => r.body?.data);
}
