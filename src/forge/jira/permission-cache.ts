import { z } from 'zod';
import { withRetry, type RetryPolicy } from '../../provision/retry';
import type { App } from '../deps';
import { askRights, PERMISSION_KEYS, type Rights } from './jira-permissions';

/**
 * How long a full yes from Jira's `mypermissions` is reused for one person (or the app) in one
 * project. Jira's points-based rate limits count every `mypermissions` call, and opening the page
 * alone makes several resolver calls: within this window the page asks Jira once. A permission
 * an admin removes in Jira reaches Handoff within this time; README ("The Forge app") says so.
 */
export const PERMISSION_TTL_MS = 60_000;

/** The account the question is about: a person (`asUser`), or the app's own account (`asApp`). */
export type Principal = { accountId: string } | 'app';

const cached = z.object({ at: z.number(), rights: z.record(z.enum(PERMISSION_KEYS), z.boolean()) });

/** KVS keeps an entry a little past its use, then removes it itself. */
const CLEANUP_TTL = { value: 10, unit: 'MINUTES' } as const;

/**
 * The permissions reader of one invocation (a resolver call, a trigger, a queue event): each
 * principal's answer is asked once per invocation, and a full yes is kept in KVS for
 * PERMISSION_TTL_MS, keyed by project and account. Anything short of a full yes is asked again
 * next time, so a permission an admin grants counts at once, and a caller Jira refuses leaves
 * nothing in the app's storage. A resolver passes its budgeted policy, so the question keeps to it.
 */
export function invocationRights(app: App, policy: RetryPolicy = app.policy) {
  const asked = new Map<string, Promise<Rights>>();

  async function fromJira(who: Principal, projectKey: string, key: string): Promise<Rights> {
    const entry = cached.safeParse(await app.kvs.get(key));
    if (entry.success && app.now() - entry.data.at < PERMISSION_TTL_MS) return entry.data.rights;
    const request = who === 'app' ? app.jiraAsApp() : app.jiraAsUser(who.accountId);
    const rights = await withRetry(() => askRights(request, projectKey), 'read', policy);
    if (PERMISSION_KEYS.every((permission) => rights[permission]))
      await app.kvs.set(key, { at: app.now(), rights }, { ttl: CLEANUP_TTL });
    return rights;
  }

  return (who: Principal, projectKey: string): Promise<Rights> => {
    const key = `rights:${projectKey}:${who === 'app' ? 'app' : who.accountId}`;
    const answer = asked.get(key) ?? fromJira(who, projectKey, key);
    asked.set(key, answer);
    return answer;
  };
}

export type RightsOf = ReturnType<typeof invocationRights>;
