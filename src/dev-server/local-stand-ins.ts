import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { PageUrl } from '../forge/automation/actions';
import type { ForgeDeps } from '../forge/deps';
import { repoRoot } from '../../emulators/common/repo-paths';
import { localAutomation } from './local-automation';
import { localRovo } from './local-rovo';

/**
 * The local stand-ins for Jira Automation (`/__local/automation`) and Rovo (`/__local/rovo`),
 * served by the panel's server (its Host check, CSP and same-page POSTs apply), and their one
 * script. `pageUrl` is where both send people to follow a run: locally, the panel itself.
 */
export function localStandIns(options: {
  deps: ForgeDeps;
  pageUrl: PageUrl;
  ruleActor: () => string;
  chatting: () => string;
}) {
  const script = join(repoRoot, 'static/panel/local/stand-in.js');
  return new Hono()
    .route('/', localAutomation(options))
    .route('/', localRovo(options))
    .get('/__local/stand-in.js', (c) =>
      c.body(readFileSync(script, 'utf8'), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    );
}
