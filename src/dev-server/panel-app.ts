import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { jiraIssueKey } from '../domain/record/jira-keys';
import { functionKey, type LocalForge } from './local-forge';
import { fromThePage } from './same-page';

const invokeRequest = z.object({ functionKey, payload: z.unknown() });
const viewAsRequest = z.object({ accountId: z.string().min(1) });

/**
 * What a Custom UI page may do in Jira, and no more: its own scripts and styles (inline
 * styles allowed, as the manifest's `permissions.content.styles` allows them), no inline
 * script, requests only to itself, images from itself and from where people's avatars live —
 * Forge allows Atlassian's avatar hosts without `permissions.external.images` (@forge/manifest
 * calls '*.atl-paas.net' there "unnecessary"); locally, the local Jira that serves them. A panel
 * that breaks here would break in Jira too.
 */
const contentSecurityPolicy = (imageOrigins: readonly string[], frameAncestors: readonly string[]) =>
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  `img-src 'self' data: blob: ${imageOrigins.join(' ')}; connect-src 'self'; ` +
  `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`;

/** `?module=issue-context&issue=DEL-14` or `?module=settings`: the module a local frame draws (none: project page). */
const viewQuery = z.union([
  z.object({ module: z.literal('issue-context'), issue: jiraIssueKey }).transform((q) => ({
    module: 'issue-context' as const,
    issueKey: q.issue,
  })),
  z.object({ module: z.literal('settings') }),
  z.object({ module: z.literal('project-page').default('project-page') }),
]);

/**
 * The panel's web server: the built panel exactly as Forge serves it (`static/panel/dist`),
 * its page with one script added in front — the stand-in for the host's bridge — and
 * `POST /api/invoke`, which runs the app's resolver definitions in process.
 */
export function createPanelApp(options: {
  forge: LocalForge;
  distDir: string;
  shimFile: string;
  /** The port the panel listens on, known once it does. */
  port: () => number;
  /** Where the panel may load images from besides itself: the site's avatars. */
  imageOrigins: readonly string[];
  /** More local-only routes: Connect Asana's consent (local-asana-auth.ts). */
  routes?: Hono;
  /** Pages that may frame the panel: the local Jira's issue page draws the issue context in a frame, as Jira does. */
  frameAncestors?: readonly string[];
}) {
  const { forge, distDir } = options;
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: build the panel first (npm run build:panel)`);

  const app = new Hono();
  // DNS rebinding: a web page whose domain comes to resolve to 127.0.0.1 reaches this server
  // with its own name as Host, and the same name as Origin, so the Origin check below would pass
  // and every resolver would answer as the local admin. Only this machine's names are served.
  app.use('*', async (c, next) => {
    const host = c.req.header('host')?.toLowerCase();
    if (!host || !localHosts(options.port()).includes(host)) {
      return c.text(`This is the local Handoff panel: open it at http://localhost:${options.port()}/`, 403);
    }
    await next();
  });
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy(options.imageOrigins, options.frameAncestors ?? []));
    c.header('X-Content-Type-Options', 'nosniff');
  });

  // Read on every request, so a rebuilt panel shows on reload.
  const page = (c: Context) => c.html(withBridge(readFileSync(indexFile, 'utf8')));
  app.get('/', page);
  app.get('/index.html', page);
  app.get('/__local/bridge-shim.js', (c) =>
    c.body(readFileSync(options.shimFile, 'utf8'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/__local/context', (c) => {
    const view = viewQuery.safeParse(c.req.query());
    if (!view.success)
      return c.json({ message: 'expected ?module=issue-context&issue=KEY-1 or ?module=settings' }, 400);
    return c.json(forge.context(view.data));
  });

  // The local page's "Viewing as" switch (bridge-shim.js): who the resolvers run as. Outside
  // the panel bundle and the Forge app, so nothing of it is deployed.
  app.get('/__local/people', (c) => c.json(forge.people()));
  app.post('/__local/viewing-as', async (c) => {
    if (!fromThePage(c)) return c.json({ message: 'viewing-as takes a JSON body from the panel page' }, 403);
    const request = viewAsRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!request.success) return c.json({ message: 'expected { accountId }' }, 400);
    if (!forge.viewAs(request.data.accountId))
      return c.json({ message: `nobody active on the local site has the account ${request.data.accountId}` }, 404);
    return c.json(forge.people());
  });

  if (options.routes) app.route('/', options.routes);
  // The consent window's last page runs this (the CSP allows no inline script): it tells the page, then closes.
  app.get('/__local/asana-consent-done.js', (c) =>
    c.body(CONSENT_DONE, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );

  app.post('/api/invoke', async (c) => {
    if (!fromThePage(c)) return c.json({ message: 'invoke takes a JSON body from the panel page' }, 403);
    const request = invokeRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!request.success)
      return c.json(
        { message: `expected { functionKey, payload }: ${request.error.issues.map((i) => i.message).join('; ')}` },
        400,
      );
    try {
      return c.json(await forge.invoke(request.data.functionKey, request.data.payload));
    } catch (error) {
      // Forge's "connect your account first", which the platform answers with its consent prompt: the shim does
      // here. A 200, as the platform's own exchange is not an HTTP failure: the page logs no failed request for it.
      if (error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR')
        return c.json({ needsAuthentication: 'asana', message: error.message });
      // @forge/resolver throws for a name it has no definition for; the resolvers themselves never throw.
      return c.json({ message: error instanceof Error ? error.message : String(error) }, 404);
    }
  });

  app.use('/*', serveStatic({ root: distDir }));
  return app;
}

const CONSENT_DONE = `const said = document.getElementById('said');
window.opener?.postMessage({ asanaConnected: said?.dataset.connected === 'true' }, location.origin);
setTimeout(() => window.close(), 400);
`;

/** The Host headers a browser on this machine sends for the panel. */
function localHosts(port: number): string[] {
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
}

/**
 * The page with the bridge stand-in as its first script: module scripts run
 * in document order, so the bridge exists before the panel asks for it.
 */
function withBridge(html: string): string {
  return html.replace('<head>', '<head>\n    <script type="module" src="/__local/bridge-shim.js"></script>');
}
