import type { Context, Env, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { OpenApiValidator } from '../openapi/index';

export type ValidateMode = 'off' | 'record' | 'strict';

/** One way a request or a response broke the official spec. */
export type Violation = {
  method: string;
  path: string;
  status?: number;
  direction: 'request' | 'response';
  errors: string[];
};

export type SpecCheckOptions<E extends Env> = {
  mode: ValidateMode;
  record: (v: Violation) => void;
  /** The parsed JSON body of the request. */
  body: (c: Context<E>) => unknown;
  /** The emulated API's error body naming the violation (`what`: `request`, `response 200`). */
  violationBody: (what: string, errors: string[]) => unknown;
  /** Statuses answered before any operation runs (Jira's edge answers 401), left unchecked. */
  unchecked?: readonly number[];
};

/**
 * Holds the emulator to the official spec: each request's query and body, and each
 * response's status, media type and body, are checked against the operation. `record` keeps the
 * violations for `GET /__emulator/violations`; `strict` also answers 500 naming them, so
 * the test that caused one fails where it happened.
 */
export function specCheck<E extends Env>(
  validator: OpenApiValidator,
  options: SpecCheckOptions<E>,
): MiddlewareHandler<E> {
  const { mode, record, violationBody } = options;
  return async (c, next) => {
    // Operations the emulator does not serve are answered by the not-found handler, unchecked.
    const served = matchedRoutes(c).some((r) => r.method !== 'ALL');
    if (mode === 'off' || !served) return next();
    const method = c.req.method;
    const path = c.req.path;
    const requestErrors = validator.validateRequest(method, path, { query: c.req.queries(), body: options.body(c) });
    if (requestErrors.length > 0) {
      record({ method, path, direction: 'request', errors: requestErrors });
      if (mode === 'strict') return c.json(violationBody('request', requestErrors), 500);
    }
    await next();
    const status = c.res.status;
    if (options.unchecked?.includes(status)) return;
    const body = await readJson(c.res);
    const responseErrors = [
      ...validator.validateMediaType(method, path, status, c.res.headers.get('content-type')),
      ...validator.validateResponse(method, path, status, body),
    ];
    if (responseErrors.length > 0) {
      record({ method, path, status, direction: 'response', errors: responseErrors });
      if (mode === 'strict')
        c.res = Response.json(violationBody(`response ${status}`, responseErrors), { status: 500 });
    }
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
