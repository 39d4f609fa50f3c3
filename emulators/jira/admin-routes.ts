import { Hono } from 'hono';
import { z } from 'zod';
import type { JsonStore } from '../common/json-store';
import { isPermissionKey } from './permissions';
import { PROJECT_ROLES, type SiteState } from './site-state';

/** What an organization admin changes about a person in admin.atlassian.com. */
const userChange = z.strictObject({
  email: z.email(),
  /** false: deactivated (a leaver): not assignable, not found, signs in no more; still assignee of their issues. */
  active: z.boolean().optional(),
  /** The person's own profile setting: their e-mail shows to nobody else. */
  emailHidden: z.boolean().optional(),
});

/** What a Jira admin changes in a project's permission scheme: permissions taken from, or given back to, a role. */
const schemeChange = z.strictObject({
  projectKey: z.string(),
  role: z.enum(PROJECT_ROLES),
  revoke: z.array(z.string().refine(isPermissionKey, 'not a permission key')).default([]),
  restore: z.array(z.string().refine(isPermissionKey, 'not a permission key')).default([]),
});

/**
 * POST /__emulator/users — `{ email, active?, emailHidden? }`: what happens to a person while
 * a site is in use (someone leaves, someone hides their e-mail), so a test can provision work
 * to them first. Outside the Jira API, like the fault controls beside it.
 */
export function adminRoutes(store: JsonStore<SiteState>) {
  const routes = new Hono();
  routes.post('/users', async (c) => {
    const change = userChange.safeParse(await c.req.json().catch(() => undefined));
    if (!change.success) return c.json({ error: change.error.issues.map((i) => i.message).join('; ') }, 400);
    const site = store.read();
    const user = site.users.find((u) => u.email.toLowerCase() === change.data.email.toLowerCase());
    if (!user) return c.json({ error: `nobody on this site has the e-mail ${change.data.email}` }, 404);
    if (change.data.active !== undefined) user.active = change.data.active;
    if (change.data.emailHidden !== undefined) user.emailHidden = change.data.emailHidden;
    store.save();
    return c.json({ accountId: user.accountId, active: user.active, emailHidden: user.emailHidden ?? false });
  });
  /**
   * POST /__emulator/permissions — `{ projectKey, role, revoke?, restore? }`: an admin removes
   * permissions from a role in one project's scheme (the app's role, say), or gives them back.
   */
  routes.post('/permissions', async (c) => {
    const change = schemeChange.safeParse(await c.req.json().catch(() => undefined));
    if (!change.success) return c.json({ error: change.error.issues.map((i) => i.message).join('; ') }, 400);
    const { projectKey, role, revoke, restore } = change.data;
    const site = store.read();
    const project = site.projects.find((p) => p.key === projectKey);
    if (!project) return c.json({ error: `no project ${projectKey} on this site` }, 404);
    const kept = (project.revoked?.[role] ?? []).filter((key) => !restore.some((back) => back === key));
    project.revoked = { ...project.revoked, [role]: [...new Set([...kept, ...revoke])] };
    store.save();
    return c.json({ projectKey, role, revoked: project.revoked[role] });
  });
  return routes;
}
