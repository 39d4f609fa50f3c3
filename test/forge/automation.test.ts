import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { createAutomationActions } from '../../src/forge/automation/actions';
import { handoffPageUrl } from '../../src/forge/automation/page-url';
import { ADMIN, VIEWER, closeJira, createForgeApp, okValue, startJira, type ForgeApp } from './support/forge-harness';
import { exampleRecord } from './support/records';

/**
 * The two Automation steps as Automation invokes them. Written from the Forge "Action" module
 * page (automation-action, Jun 2025): the function gets `payload` = the inputs the rule's
 * author configured, smart values already resolved (`{{project.key}}` → "DEL"), and a field left
 * empty arrives as "" (assumed: the page shows no empty field); the second argument is the
 * invocation's context, whose `principal` is the rule's connection user (assumed from "Automation
 * will always invoke your action as a particular user"). Outputs are the returned object's fields.
 */
const RULE_ACTOR = { principal: { accountId: accountIdFor(ADMIN.email) } };
const onProject = { projectKey: 'DEL', issueKey: '' };
const onRuleIssue = { projectKey: '', issueKey: 'DEL-14' };
const APP = { appId: 'app-1', environmentId: 'env-1' };

const readiness = z.strictObject({
  decision: z.enum(['go', 'not-yet', 'no-record']),
  ready: z.boolean(),
  blockerCount: z.number().int(),
  blockers: z.string(),
  blockerFields: z.string(),
  message: z.string(),
});
const provisioning = z.strictObject({
  outcome: z.enum(['queued', 'not-yet', 'busy', 'no-record']),
  runId: z.string().nullable(),
  followUrl: z.string().nullable(),
  blockers: z.string(),
  message: z.string(),
});
const refused = z.strictObject({ errors: z.array(z.strictObject({ message: z.string() })).length(1) });

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

function actionsOf(app: ForgeApp) {
  return createAutomationActions(app.deps, (siteUrl, projectKey) => handoffPageUrl(siteUrl, projectKey, APP));
}

async function withRecord(name: string): Promise<ForgeApp> {
  const app = createForgeApp(jira);
  okValue(await app.call('saveRecord', { record: exampleRecord(name) }), z.unknown());
  return app;
}

describe('Automation step "Check handoff readiness"', () => {
  it('a ready record: go, no blockers — from the project key or from the rule’s issue alike', async () => {
    const actions = actionsOf(await withRecord('acme-onboarding'));
    const byProject = readiness.parse(await actions.checkReadiness(onProject, RULE_ACTOR));
    expect(byProject).toEqual({
      decision: 'go',
      ready: true,
      blockerCount: 0,
      blockers: '',
      blockerFields: '',
      message: 'Acme Logistics onboarding is ready: the gate says go.',
    });
    expect(readiness.parse(await actions.checkReadiness(onRuleIssue, RULE_ACTOR))).toEqual(byProject);
  });

  it('a not-yet record: not-yet, each blocker on its own line field first, and the fields as a list', async () => {
    const actions = actionsOf(await withRecord('skylark-support-not-yet'));
    const answer = readiness.parse(await actions.checkReadiness(onProject, RULE_ACTOR));
    expect(answer.decision).toBe('not-yet');
    expect(answer.ready).toBe(false);
    const lines = answer.blockers.split('\n');
    const fields = answer.blockerFields.split(',');
    expect(lines).toHaveLength(answer.blockerCount);
    expect(fields).toHaveLength(answer.blockerCount);
    expect(fields).toContain('signoffs.operations');
    lines.forEach((line, i) => expect(line.startsWith(`${fields[i]}: `)).toBe(true));
    expect(answer.message).toMatch(/^Skylark .* is not ready yet: \d+ blockers\.$/);
  });

  it('a project without a record answers no-record, which a rule can branch on', async () => {
    const actions = actionsOf(createForgeApp(jira));
    const answer = readiness.parse(await actions.checkReadiness(onProject, RULE_ACTOR));
    expect(answer).toMatchObject({ decision: 'no-record', ready: false, blockerCount: 0 });
    expect(answer.message).toBe('No handoff record is saved for project DEL yet.');
  });

  it('a step with no project, or a malformed one, stops the rule with a sentence naming the input', async () => {
    const actions = actionsOf(await withRecord('acme-onboarding'));
    const none = refused.parse(await actions.checkReadiness({ projectKey: '', issueKey: '' }, RULE_ACTOR));
    expect(none.errors[0]?.message).toMatch(/set the step’s project key .* or issue key/);
    const bad = refused.parse(await actions.checkReadiness({ projectKey: 'del ' }, RULE_ACTOR));
    expect(bad.errors[0]?.message).toContain('projectKey: a Jira project key such as DEL');
    const other = refused.parse(await actions.checkReadiness({ projectKey: 'DEL', issueKey: 'OPS-2' }, RULE_ACTOR));
    expect(other.errors[0]?.message).toBe('OPS-2 is not an issue of DEL: give one or the other.');
    const nobody = refused.parse(await actions.checkReadiness(onProject, {}));
    expect(nobody.errors[0]?.message).toMatch(/give the rule a connection/);
  });
});

describe('Automation step "Provision handoff"', () => {
  it('a ready record is queued, never run inline, and says where to follow it', async () => {
    const app = await withRecord('acme-onboarding');
    const answer = provisioning.parse(await actionsOf(app).provisionHandoff(onRuleIssue, RULE_ACTOR));
    expect(answer).toMatchObject({
      outcome: 'queued',
      followUrl: `${jira.url}/jira/software/projects/DEL/apps/app-1/env-1`,
      blockers: '',
    });
    expect(answer.runId).toMatch(/\S/);
    // Nine items would fit inline from the page; from a rule they go to the queue all the same.
    expect(app.pending.map((e) => e.body)).toEqual([{ projectKey: 'DEL', runId: answer.runId, slice: 1 }]);
    const status = okValue(await app.call('provisioningStatus'), z.object({ run: z.object({ trigger: z.string() }) }));
    expect(status.run.trigger).toBe('automation');
    await app.drainQueue();
    const done = okValue(await app.call('provisioningStatus'), z.object({ run: z.object({ state: z.string() }) }));
    expect(done.run.state).toBe('done');
  });

  it('while a run holds the project a second step answers busy and starts nothing', async () => {
    const app = await withRecord('acme-onboarding');
    const actions = actionsOf(app);
    const first = provisioning.parse(await actions.provisionHandoff(onProject, RULE_ACTOR));
    expect(first.outcome).toBe('queued');
    const second = provisioning.parse(await actions.provisionHandoff(onProject, RULE_ACTOR));
    expect(second).toMatchObject({ outcome: 'busy', runId: null });
    expect(second.message).toMatch(/already running/);
    expect(app.pending).toHaveLength(1);
  });

  it('a not-yet record creates nothing and hands the blockers to the rule', async () => {
    const app = await withRecord('skylark-support-not-yet');
    const answer = provisioning.parse(await actionsOf(app).provisionHandoff(onProject, RULE_ACTOR));
    expect(answer).toMatchObject({ outcome: 'not-yet', runId: null });
    expect(answer.blockers).toContain('signoffs.operations: ');
    expect(app.pending).toEqual([]);
  });

  it('runs as the rule’s connection: one who may not create issues hears not-yet, nothing queued', async () => {
    const app = await withRecord('acme-onboarding');
    const viewer = { principal: { accountId: accountIdFor(VIEWER.email) } };
    const checked = readiness.parse(await actionsOf(app).checkReadiness(onProject, viewer));
    expect(checked.decision).toBe('not-yet');
    expect(checked.blockers).toContain('ask for the Create issues permission');
    const asked = provisioning.parse(await actionsOf(app).provisionHandoff(onProject, viewer));
    expect(asked).toMatchObject({ outcome: 'not-yet', runId: null, blockers: checked.blockers });
    expect(app.pending).toEqual([]);
  });

  it('a project without a record answers no-record and creates nothing', async () => {
    const app = createForgeApp(jira);
    const answer = provisioning.parse(await actionsOf(app).provisionHandoff(onProject, RULE_ACTOR));
    expect(answer).toMatchObject({ outcome: 'no-record', runId: null, followUrl: null });
    expect(app.pending).toEqual([]);
  });
});

/** The manifest's `action` modules: each output's declared type and whether it may be null. */
const declared = z.object({
  modules: z.object({
    action: z.array(
      z.object({
        key: z.string(),
        outputs: z
          .record(
            z.string(),
            z.object({ type: z.enum(['string', 'integer', 'number', 'boolean']), nullable: z.boolean() }),
          )
          .optional(),
      }),
    ),
  }),
});
const outputsOf = (key: string) => {
  const manifest = declared.parse(parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')));
  return manifest.modules.action.find((a) => a.key === key)?.outputs ?? {};
};
const typeOf = (value: unknown) => (value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value);

describe('Forge Automation outputs are scalars the manifest declares: a rule reads only declared outputs', () => {
  it('every field a step returns is declared with its type, and only nullable ones are ever null', async () => {
    const app = await withRecord('skylark-support-not-yet');
    const answers = {
      'check-handoff-readiness': await actionsOf(app).checkReadiness(onProject, RULE_ACTOR),
      'provision-handoff': await actionsOf(app).provisionHandoff(onProject, RULE_ACTOR),
    };
    for (const [key, answer] of Object.entries(answers)) {
      const outputs = outputsOf(key);
      expect(Object.keys(answer).sort(), key).toEqual(Object.keys(outputs).sort());
      for (const [name, value] of Object.entries(answer)) {
        const output = outputs[name];
        expect([output?.type, ...(output?.nullable ? ['null'] : [])], `${key}.${name}`).toContain(typeOf(value));
      }
    }
  });
});
