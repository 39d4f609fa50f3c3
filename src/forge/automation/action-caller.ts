import { z } from 'zod';
import type { App } from '../deps';
import { HandoffError } from '../errors';
import { invocationRights } from '../jira/permission-cache';
import { deadlinePolicy, deadlineRequest } from '../queue/job-deadline';
import type { Caller } from '../resolvers/resolver-kit';

/**
 * What Forge hands an action's function besides its payload: the person it runs as. Automation
 * runs a rule's action as the person its connection names, and Rovo as the person chatting
 * (the Forge docs on both say to act `asUser()`).
 */
const invocation = z.object({ principal: z.object({ accountId: z.string().min(1) }) });

/** The invoking person's account id; an invocation without one is refused with `nobody`, which says what to fix. */
export function invokerOf(context: unknown, nobody: string): string {
  const parsed = invocation.safeParse(context);
  if (!parsed.success) throw new HandoffError('FORBIDDEN', nobody);
  return parsed.data.principal.accountId;
}

/** `no-record`: the project has no saved record — an answer a rule or the agent acts on, not a failure. */
export type ForProject<T> = { kind: 'no-record'; projectKey: string } | { kind: 'found'; value: T };

/**
 * Runs `body` for one project as the invoking person, the way a resolver call runs
 * (resolver-kit.ts): Jira as them, bounded by the resolver budget, with the same permissions
 * reader. They must be able to browse the project — the record is the project's, and an
 * action must not read it out to someone Jira would not show the project. A project without a saved
 * record answers `no-record` before any Jira request for the record is made.
 */
export async function asInvoker<T>(
  app: App,
  accountId: string,
  projectKey: string,
  body: (caller: Caller) => Promise<T>,
): Promise<ForProject<T>> {
  const started = app.now();
  const deadline = started + app.limits.resolverBudgetMs;
  const policy = deadlinePolicy(app.policy, deadline, app.now);
  const rightsOf = invocationRights(app, policy);
  const rights = await rightsOf({ accountId }, projectKey);
  if (!rights.BROWSE_PROJECTS)
    throw new HandoffError(
      'FORBIDDEN',
      `You need permission to browse ${projectKey} to read its handoff; ask a project admin.`,
    );
  const entry = await app.store.project(projectKey);
  if (!entry) return { kind: 'no-record', projectKey };
  const jira = deadlineRequest(app.jiraAsUser(accountId), deadline, app.now);
  return {
    kind: 'found',
    value: await body({ accountId, projectKey, siteUrl: entry.siteUrl, jira, policy, started, rightsOf }),
  };
}
