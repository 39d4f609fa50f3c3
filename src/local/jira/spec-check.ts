import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { OpenApiValidator } from '../openapi/index.ts';
import type { JiraEnv } from './context.ts';

export type ValidateMode = 'off' | 'record' | 'strict';

/** One way a request or a response broke the Jira spec. */
export type Violation = { method: string; path: string; status?: number; direction: 'request' | 'response'; errors: string[] };

/**
 * Holds the emulator to the official spec: each request's query and body, and each
 * response's status and body, are checked against the operation. `record` keeps the
 * violations for `GET /__emulator/violations`; `strict` also answers 500 naming them, so
 * the test that caused one fails where it happened. 401 is left alone: Atlassian's edge
 * answers it before any operation runs, and the spec does not list it everywhere.
 */
export function specCheck(validator: OpenApiValidator, mode: ValidateMode, record: (v: Violation) => void): MiddlewareHandler<JiraEnv> {
  return async (c, next) => {
    // Operations the emulator does not serve are answered by the not-found handler, unchecked.
    const served = matchedRoutes(c).some((r) => r.method !== 'ALL');
    if (mode === 'off' || !served) return next();
    const method = c.req.method;
    const path = c.req.path;
    const requestErrors = validator.validateRequest(method, path, { query: c.req.queries(), body: c.var.body });
    if (requestErrors.length > 0) {
      record({ method, path, direction: 'request', errors: requestErrors });
      if (mode === 'strict') return c.json(violationBody('request', requestErrors), 500);
    }
    await next();
    const status = c.res.status;
    if (status === 401) return;
    const body = await readJson(c.res);
    const responseErrors = validator.validateResponse(method, path, status, body);
    if (responseErrors.length > 0) {
      record({ method, path, status, direction: 'response', errors: responseErrors });
      if (mode === 'strict') c.res = Response.json(violationBody(`response ${status}`, responseErrors), { status: 500 });
    }
  };
}

function violationBody(what: string, errors: string[]) {
  return { errorMessages: [`[local-jira] the ${what} breaks the Jira Cloud REST v3 spec:`, ...errors], errors: {} };
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
