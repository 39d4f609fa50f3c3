import type { z } from 'zod';
import { withRetry, type RetryPolicy } from '../../provision/retry';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { App } from '../deps';
import { HandoffError, toFailure, type ResolverResult } from '../errors';
import { mayCreateIssues } from '../jira/jira-project';
import { parseOrRefuse, resolverContext } from './payloads';
import { deadlinePolicy, deadlineRequest } from '../queue/job-deadline';

/**
 * Who is calling, about which project, and Jira as them — bounded by the resolver budget, with
 * the retry policy that keeps to it (`policy`) and when the invocation began (`started`).
 */
export type Caller = {
  accountId: string;
  projectKey: string;
  siteUrl: string;
  jira: JiraRequest;
  policy: RetryPolicy;
  started: number;
};

type Request = { payload: unknown; context: unknown };

/**
 * The shape of every resolver: parse the context and the payload (nothing reaches Jira before
 * both are valid), ask Jira whether the caller may create issues in the project, run `body`,
 * and turn any failure into `{ ok: false, error }` — the only place that happens. No request
 * starts past the resolver budget, so a slow Jira ends in an answer, not a killed invocation.
 */
export function defineHandler<S extends z.ZodType, T>(
  app: App,
  payloadSchema: S,
  body: (payload: z.output<S>, caller: Caller) => Promise<T>,
) {
  return async (request: Request): Promise<ResolverResult<T>> => {
    const started = app.now();
    const deadline = started + app.limits.resolverBudgetMs;
    try {
      const context = parseOrRefuse(resolverContext, request.context, 'Forge context');
      const payload = parseOrRefuse(payloadSchema, request.payload, 'request');
      const projectKey = context.extension.project.key;
      if (named(payload) !== undefined && named(payload) !== projectKey) {
        throw new HandoffError(
          'BAD_REQUEST',
          `This page belongs to project ${projectKey}; a request cannot name another project.`,
          [{ path: 'projectKey', message: `must be ${projectKey} or left out` }],
        );
      }
      const caller = {
        accountId: context.accountId,
        projectKey,
        siteUrl: context.siteUrl,
        jira: deadlineRequest(app.jiraAsUser(context.accountId), deadline, app.now),
        policy: deadlinePolicy(app.policy, deadline, app.now),
        started,
      };
      if (!(await withRetry(() => mayCreateIssues(caller.jira, projectKey), 'read', caller.policy))) {
        throw new HandoffError(
          'FORBIDDEN',
          `You need permission to create issues in ${projectKey} to use Handoff there; ask a project admin.`,
        );
      }
      return { ok: true, value: await body(payload, caller) };
    } catch (error) {
      return toFailure(error, app.secrets, app.log);
    }
  };
}

/** The project a payload names, if it names one. */
function named(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'projectKey' in payload ? payload.projectKey : undefined;
}
