import { Hono } from 'hono';
import { badRequest, errorBody } from '../asana-error';
import type { AsanaEnv } from '../context';
import { dataOf } from '../request';
import { seededRandom } from '../../common/random';

/** Asana's limit: "The maximum number of actions allowed in a single batch request is 10". */
export const MAX_BATCH_ACTIONS = 10;

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head'];

type Result = { status_code: number; headers: Record<string, string>; body: unknown };

/**
 * The Batch API. Each action is dispatched in-process through the whole app (`dispatch`),
 * so it meets the same routing, auth, spec check and faults as a direct call, except that
 * the batch already paid its rate limit (one request per action, the whole batch refused
 * with 429 if they do not all fit). Actions run one after another, in the listed order or, with
 * `batchOrder: 'shuffled'`, in a seeded random one (Asana runs them in parallel and promises no order).
 */
export function batchRoutes(
  dispatch: (request: Request) => Promise<Response>,
  settings: () => { batchOrder: 'listed' | 'shuffled'; seed: number },
) {
  const routes = new Hono<AsanaEnv>();
  let batches = 0;

  /**
   * POST /batch — `{ data: { actions: [{ relative_path, method, data?, options? }] } }`: 1 to
   * 10 actions, answered 200 with one `{ status_code, headers, body }` per action, in order,
   * however each fared.
   */
  routes.post('/batch', async (c) => {
    const actions = dataOf(c).actions;
    if (!Array.isArray(actions) || actions.length === 0) throw badRequest('actions: Missing input');
    if (actions.length > MAX_BATCH_ACTIONS)
      throw badRequest(`actions: A batch request may have at most ${MAX_BATCH_ACTIONS} actions, not ${actions.length}`);
    const origin = new URL(c.req.url).origin;
    const authorization = c.req.header('authorization') ?? '';
    const { batchOrder, seed } = settings();
    const order = batchOrder === 'listed' ? actions.map((_, i) => i) : shuffled(actions.length, seed + batches++);
    const results: Result[] = new Array<Result>(actions.length);
    for (const i of order) results[i] = await run(actions[i], `${origin}/api/1.0`, authorization, dispatch);
    const fields = (c.req.queries('opt_fields') ?? []).flatMap((f) => f.split(','));
    const chosen =
      fields.length === 0
        ? results
        : results.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => fields.includes(k))));
    return c.json({ data: chosen });
  });

  return routes;
}

async function run(
  action: unknown,
  base: string,
  authorization: string,
  dispatch: (request: Request) => Promise<Response>,
): Promise<Result> {
  const fields = typeof action === 'object' && action !== null ? Object.fromEntries(Object.entries(action)) : {};
  const { relative_path: path, data, options } = fields;
  const method = typeof fields.method === 'string' ? fields.method.toLowerCase() : '';
  const refuse = (message: string): Result => ({ status_code: 400, headers: {}, body: errorBody(400, message) });
  if (typeof path !== 'string' || !path.startsWith('/')) return refuse('relative_path: Missing input');
  if (!METHODS.includes(method)) return refuse(`method: Invalid value: ${String(fields.method)}`);
  if (path.includes('?'))
    return refuse('relative_path: Query parameters are not accepted here; put them in data (for GET) or options');
  if (/^\/batch\/?$/.test(path)) return refuse('relative_path: Nested calls to the batch API are not allowed');

  const query = new URLSearchParams();
  if (method === 'get')
    for (const [name, value] of entries(data)) query.set(name, Array.isArray(value) ? value.join(',') : String(value));
  for (const [name, value] of entries(options)) {
    if (name === 'fields' && Array.isArray(value)) query.set('opt_fields', value.join(','));
    else if (name === 'limit' || name === 'offset') query.set(name, String(value));
  }
  const response = await dispatch(
    new Request(`${base}${path}${query.size > 0 ? `?${query}` : ''}`, {
      method: method.toUpperCase(),
      headers: { authorization, 'content-type': 'application/json' },
      body: method === 'get' || method === 'head' || data === undefined ? undefined : JSON.stringify({ data }),
    }),
  );
  const location = response.headers.get('location');
  return { status_code: response.status, headers: location ? { location } : {}, body: await objectBody(response) };
}

/** 0..n-1 in a random order (Fisher–Yates), the same for the same seed. */
function shuffled(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}

function entries(value: unknown): Array<[string, unknown]> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/** The action's JSON body (`{}` for a HEAD); a gateway's HTML page (an injected 502) becomes Asana's error object. */
async function objectBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '' && response.ok) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // not JSON: described below
  }
  return errorBody(response.status, response.statusText || 'Server Error');
}
