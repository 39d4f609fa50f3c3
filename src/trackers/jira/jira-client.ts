import type { z } from 'zod';
import { ApiNotFound, TrackerError } from '../../provision/tracker-error';
import type { JiraPath } from './jira-path';
import type { JiraRequest } from './jira-request';
import { errorBody, errorText } from './jira-schemas';
import { rateHeaders } from './jira-rate-headers';

export type JiraCall = { status: number; body: unknown };

/**
 * Sends one request and returns its parsed JSON, or throws a TrackerError that says where:
 * `[jira] 403 on POST /rest/api/3/issue/bulk: You do not have permission…`. Every request
 * is counted, so the engine can report and tests can bound the calls.
 */
export function createJiraClient(request: JiraRequest) {
  let requests = 0;

  async function send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: JiraPath,
    body?: unknown,
    accept: readonly number[] = [200],
  ): Promise<JiraCall> {
    const operation = `${method} ${path.text.split('?')[0]}`;
    requests += 1;
    let response;
    try {
      response = await request(path, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new TrackerError({
        tracker: 'jira',
        operation,
        status: null,
        detail: cause instanceof Error ? cause.message : String(cause),
        cause,
      });
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    const details = errorBody.safeParse(parsed);
    // Jira's "no such issue/project" 404 always carries its error collection; a 404 without one
    // (an HTML page, a proxy's or framework's problem document) means the URL is not Jira's API.
    const collection = details.success && (details.data.errorMessages ?? details.data.errors) !== undefined;
    if (response.status === 404 && !collection)
      throw new ApiNotFound({ tracker: 'jira', operation, detail: text.slice(0, 120).trim() || 'an empty answer' });
    if (accept.includes(response.status)) return { status: response.status, body: parsed };
    throw new TrackerError({
      tracker: 'jira',
      operation,
      status: response.status,
      detail: details.success ? errorText(details.data) : text.slice(0, 300) || 'no details',
      ...rateHeaders(response.headers),
    });
  }

  /** Validates a response against the shape the adapter relies on (the "validate every response" rule). */
  function read<T extends z.ZodType>(schema: T, call: JiraCall, operation: string): z.output<T> {
    const result = schema.safeParse(call.body);
    if (result.success) return result.data;
    throw new TrackerError({
      tracker: 'jira',
      operation,
      status: call.status,
      detail: `unexpected response: ${result.error.issues[0]?.message ?? 'invalid'}`,
    });
  }

  return { send, read, requests: () => requests };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
