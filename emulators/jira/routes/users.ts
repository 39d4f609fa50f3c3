import { Hono, type Context } from 'hono';
import { localApiToken } from '../accounts';
import { displayNameFor, isEmail } from '../../common/people';
import type { JiraEnv } from '../context';
import { refOf } from '../issue-fields';
import { JiraError, badRequest, errorCollection, forbidden, notFound } from '../jira-error';
import { browsableIssue, browsableProject, findUser } from '../lookups';
import { hasPermission, hasProjectPermission } from '../permissions';
import { userJson } from '../render-user';
import { queryInt } from '../request-params';
import { addUser } from '../seed';
import type { User } from '../site-state';

export const userRoutes = new Hono<JiraEnv>();

/** GET /rest/api/3/myself — the authenticated user, who always sees their own e-mail. */
userRoutes.get('/myself', (c) => c.json(userJson(c.var.base, c.var.actor, c.var.actor)));

/** GET /rest/api/3/user?accountId= — one user. */
userRoutes.get('/user', (c) => {
  const user = findUser(c.var.site, c.req.query('accountId') ?? '');
  if (!user) throw notFound(`Specified user does not exist or you do not have required permissions`);
  return c.json(userJson(c.var.base, user, c.var.actor));
});

/**
 * GET /rest/api/3/user/search?query= — active people whose display name or e-mail starts
 * with the query (any word of the name), or the one with `accountId`. The spec: "Returns a
 * list of active users", so someone deactivated is not found here.
 */
userRoutes.get('/user/search', (c) => {
  const query = c.req.query('query');
  const accountId = c.req.query('accountId');
  if (!query && !accountId) throw badRequest('The username or property query parameter must be provided');
  const found = c.var.site.users.filter(
    (u) => u.active && (accountId === undefined || u.accountId === accountId) && (!query || matches(u, query)),
  );
  return c.json(page(c, found).map((u) => userJson(c.var.base, u, c.var.actor)));
});

/**
 * GET /rest/api/3/user/assignable/search?project=&query= — who may be assigned issues there;
 * nobody deactivated (permissions.ts: an inactive user holds no project permission).
 */
userRoutes.get('/user/assignable/search', (c) => {
  const { site, actor } = c.var;
  const issueRef = c.req.query('issueKey') ?? c.req.query('issueId');
  const projectRef = c.req.query('project');
  if (!issueRef && !projectRef) throw badRequest('No project, issue key or issue ID was provided');
  const project = issueRef
    ? browsableIssue(site, actor, issueRef).project
    : browsableProject(site, actor, projectRef ?? '');
  const query = c.req.query('query');
  const accountId = c.req.query('accountId');
  const found = site.users.filter(
    (u) =>
      hasProjectPermission(u, project, 'ASSIGNABLE_USER') &&
      (!query || matches(u, query)) &&
      (!accountId || u.accountId === accountId),
  );
  return c.json(page(c, found).map((u) => userJson(c.var.base, u, actor)));
});

/**
 * POST /rest/api/3/user — a site admin adds a person ({ emailAddress, products }). With
 * products they join every project as a member. `displayName` and `apiToken` are the local
 * site's extensions (the spec allows extra properties): tests act as the new person.
 */
userRoutes.post('/user', (c) => {
  const { site, actor } = c.var;
  if (!hasPermission(actor, 'ADMINISTER', site.projects))
    throw forbidden('You do not have permission to create users.');
  const body = refOf(c.var.body);
  const email = typeof body?.emailAddress === 'string' ? body.emailAddress.trim().toLowerCase() : '';
  if (!isEmail(email))
    throw new JiraError(400, errorCollection([], { emailAddress: 'You must specify a valid email address.' }));
  if (!Array.isArray(body?.products))
    throw new JiraError(
      400,
      errorCollection([], { products: 'You must specify the products the user has access to.' }),
    );
  const existing = site.users.find((u) => u.email === email);
  // Jira: an existing user with access is a 201
  if (existing) return c.json(userJson(c.var.base, existing, actor), 201);
  const displayName =
    typeof body.displayName === 'string' && body.displayName.trim() ? body.displayName.trim() : displayNameFor(email);
  const apiToken = typeof body.apiToken === 'string' && body.apiToken ? body.apiToken : localApiToken(email);
  const user = addUser(site, email, displayName, apiToken, false);
  if (body.products.length > 0) for (const project of site.projects) project.roles[user.accountId] ??= 'member';
  return c.json(userJson(c.var.base, user, actor), 201);
});

/**
 * Jira matches the start of the e-mail, of the display name, or of any word of it. A hidden
 * e-mail is matched only when the query is the whole address, so it cannot be guessed a
 * letter at a time; the answer still omits it (see emulators/README.md for why we assume
 * Jira matches it at all).
 */
function matches(user: User, query: string): boolean {
  const q = query.trim().toLowerCase();
  const name = user.displayName.toLowerCase();
  const email = user.emailHidden ? user.email === q : user.email.startsWith(q);
  return email || name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
}

function page<T>(c: Context<JiraEnv>, items: T[]): T[] {
  const startAt = Math.max(0, queryInt(c, 'startAt', 0));
  return items.slice(startAt, startAt + Math.max(0, queryInt(c, 'maxResults', 50)));
}
