import type { z } from 'zod';
import type { RetryPolicy } from '../../provision/retry';
import type { JiraRequest } from '../../trackers/jira/jira-request';
import type { App } from '../deps';
import { HandoffError, toFailure, type ResolverResult } from '../errors';
import { invocationRights, type RightsOf } from '../jira/permission-cache';
import { parseOrRefuse, resolverContext } from './payloads';
import { deadlinePolicy, deadlineRequest } from '../queue/job-deadline';
import { needsConsent } from '../asana/asana-access';
import type { Actor } from '../tracker-for';

/**
 * Who is calling, about which project, and Jira as them — bounded by the resolver budget, with
 * the retry policy that keeps to it (`policy`), when the invocation began (`started`), and this
 * call's permissions reader (`rightsOf`).
 */
export type Caller = {
  accountId: string;
  projectKey: string;
  siteUrl: string;
  jira: JiraRequest;
  policy: RetryPolicy;
  started: number;
  rightsOf: RightsOf;
};

type Request = { payload: unknown; context: unknown };

/** The caller as who acts in the trackers: Jira as them, and Asana as them when the record goes there. */
export const actorOf = (caller: Caller): Actor => ({
  projectKey: caller.projectKey,
  siteUrl: caller.siteUrl,
  jira: caller.jira,
  by: caller.accountId,
});

/**
 * The shape of every resolver: parse the context and the payload (nothing reaches Jira before
 * both are valid), check that the caller may browse and create issues in the project (one
 * `mypermissions` request, reused for a minute: permission-cache.ts), run `body`, and turn any
 * failure into `{ ok: false, error }` — the only place that happens. No request starts past
 * the resolver budget, so a slow Jira ends in an answer, not a killed invocation.
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
      const policy = deadlinePolicy(app.policy, deadline, app.now);
      const caller = {
        accountId: context.accountId,
        projectKey,
        siteUrl: context.siteUrl,
        jira: deadlineRequest(app.jiraAsUser(context.accountId), deadline, app.now),
        policy,
        started,
        rightsOf: invocationRights(app, policy),
      };
      const rights = await caller.rightsOf({ accountId: caller.accountId }, projectKey);
      if (!rights.BROWSE_PROJECTS || !rights.CREATE_ISSUES) {
        throw new HandoffError(
          'FORBIDDEN',
          `You need permission to create issues in ${projectKey} to use Handoff there; ask a project admin.`,
        );
      }
      return { ok: true, value: await body(payload, caller) };
    } catch (error) {
      // Forge's "connect your account first": it must leave uncaught, the platform turns it into its consent prompt.
      if (needsConsent(error)) throw error;
      return toFailure(error, app.secrets, app.log);
    }
  };
}

/** The project a payload names, if it names one. */
function named(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'projectKey' in payload ? payload.projectKey : undefined;
}
