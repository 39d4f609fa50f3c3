import { Hono } from 'hono';
import { html } from 'hono/html';
import { createAutomationActions, type PageUrl } from '../forge/automation/actions';
import type { ForgeDeps } from '../forge/deps';
import { DEMO_PROJECT_KEY } from '../../emulators/jira/index';
import { fromThePage } from './same-page';
import { standInPage, type StandInResult } from './local-stand-in-page';

/**
 * The manifest's `outputContext` of each step (`outputDomain`.`entityName`): the prefix a rule's
 * smart values carry, e.g. `{{handoff.readiness.ready}}`. Assumed from the manifest reference;
 * Automation's own smart-value picker is what names them in Jira.
 */
const READINESS = 'handoff.readiness';
const RUN = 'handoff.run';

/**
 * Jira Automation, which cannot run here, as one rule: "When: manual trigger on project DEL →
 * Check handoff readiness → Provision handoff". Its button runs the app's real action
 * functions (`automationReadiness`, `automationProvision` in forge/index.ts) as Automation
 * invokes them: the step's inputs with `{{project.key}}` rendered, and the rule's connection
 * user — the local admin — as the principal. Both steps run, as the rule has no condition:
 * the provision step itself refuses while the gate says not yet.
 */
export function localAutomation(options: { deps: ForgeDeps; pageUrl: PageUrl; ruleActor: () => string }) {
  const actions = createAutomationActions(options.deps, options.pageUrl);
  const inputs = { projectKey: DEMO_PROJECT_KEY };
  const routes = new Hono();

  routes.get('/__local/automation', (c) =>
    c.html(
      standInPage(
        `Automation rule on ${DEMO_PROJECT_KEY}`,
        "Jira Automation runs in Atlassian's cloud; this rule calls the app's own Automation steps here.",
        html`<dl>
            <dt>Rule</dt>
            <dd>Provision the handoff when it is ready</dd>
            <dt>Actor (the rule's connection)</dt>
            <dd>the local admin</dd>
          </dl>
          <div class="step"><strong>When:</strong> Manual trigger, on project ${DEMO_PROJECT_KEY}</div>
          <div class="step">
            <strong>Then: Check handoff readiness</strong> · Project key <code>{{project.key}}</code>
          </div>
          <div class="step"><strong>Then: Provision handoff</strong> · Project key <code>{{project.key}}</code></div>
          <button type="button" data-post="/__local/automation/run">Run rule</button>`,
      ),
    ),
  );

  routes.post('/__local/automation/run', async (c) => {
    if (!fromThePage(c)) return c.json({ message: 'the rule runs only from its own page, with a JSON body' }, 403);
    const context = { principal: { accountId: options.ruleActor() } };
    const readiness = await actions.checkReadiness(inputs, context);
    const run = await actions.provisionHandoff(inputs, context);
    const result: StandInResult = {
      heading: `Rule ran on ${DEMO_PROJECT_KEY}: two steps`,
      values: [...smartValues(READINESS, readiness), ...smartValues(RUN, run)],
      citations: followed(run),
      answer: { 'Check handoff readiness': readiness, 'Provision handoff': run },
    };
    return c.json(result);
  });
  return routes;
}

/** A step's outputs as a rule reads them; a step that stopped the rule shows its errors (its audit log's lines). */
function smartValues(prefix: string, outputs: object): Array<[string, string]> {
  return Object.entries(outputs).map(([name, value]) => [
    `{{${prefix}.${name}}}`,
    // Automation renders an output that is null as nothing.
    typeof value === 'string' ? value : value === null ? '' : JSON.stringify(value),
  ]);
}

/** Where the provision step says to follow the run, when it says one. */
function followed(run: object): StandInResult['citations'] {
  const url = 'followUrl' in run && typeof run.followUrl === 'string' ? run.followUrl : null;
  return url ? [{ label: 'Handoff page (follow the run)', url }] : [];
}
