import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { handoffPageUrl } from '../../src/forge/automation/page-url';
import { createRovoActions } from '../../src/forge/rovo/actions';
import { ADMIN, MEMBER, closeJira, createForgeApp, okValue, startJira, type ForgeApp } from './support/forge-harness';
import { exampleRecord } from './support/records';

/**
 * The Rovo agent's actions against recorded questions (fixtures/rovo-questions.yaml): each
 * question goes to the action and inputs the prompt names for it, invoked as Rovo invokes an
 * action — `(payload, context)`, the inputs beside Rovo's own `context`, the person chatting as
 * `context.principal` (the Forge Rovo action examples read `payload.context.jira.projectKey`).
 */
const fixture = z.array(
  z.strictObject({
    question: z.string(),
    scenario: z.enum(['acme', 'skylark']),
    action: z.enum(['promises', 'readiness', 'changes', 'provision']),
    inputs: z.record(z.string(), z.unknown()),
    mustContain: z.array(z.string()).min(1),
    mustNotContain: z.array(z.string()).optional(),
  }),
);
const questions = fixture.parse(parse(readFileSync(new URL('fixtures/rovo-questions.yaml', import.meta.url), 'utf8')));
const CHATTING = { principal: { accountId: accountIdFor(ADMIN.email) } };
const APP = { appId: 'app-1', environmentId: 'env-1' };
const DESCOPE_REASON = 'Customer moved to Okta; SSO is sold as a separate project (call of 2026-12-08).';

type Scenario = { app: ForgeApp; change: string };
let jira: LocalJira;
const scenarios = new Map<string, Scenario>();

/** Acme, provisioned; a day after kickoff its approval owner approves descoping SSO, and it is applied. */
async function acme(): Promise<Scenario> {
  const app = createForgeApp(jira);
  const base = exampleRecord('acme-onboarding');
  const record = { ...base, id: 'acme-rovo', people: { ...base.people, 'approval-owner': MEMBER.email } };
  okValue(await app.call('saveRecord', { record }), z.unknown());
  okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
  app.clock.advance(7 * 86_400_000);
  const proposed = {
    ...record,
    promises: record.promises?.filter((p) => p.id !== 'sso'),
    dependencies: record.dependencies?.map(({ blocks, ...d }) => {
      const left = blocks?.filter((b) => b !== 'sso') ?? [];
      return left.length > 0 ? { ...d, blocks: left } : d;
    }),
  };
  const { key } = okValue(
    await app.call('proposeChange', { record: proposed, reasons: { 'acme-rovo/promise/sso': DESCOPE_REASON } }),
    z.object({ key: z.string() }),
  );
  app.clock.advance(60_000);
  okValue(await app.call('approveChange', { key }, { who: MEMBER }), z.object({ status: z.literal('approved') }));
  await app.drainQueue();
  return { app, change: key };
}

async function skylark(): Promise<Scenario> {
  const app = createForgeApp(jira);
  okValue(await app.call('saveRecord', { record: exampleRecord('skylark-support-not-yet') }), z.unknown());
  return { app, change: '' };
}

beforeAll(async () => {
  jira = await startJira();
  scenarios.set('acme', await acme());
  scenarios.set('skylark', await skylark());
}, 60_000);
afterAll(() => closeJira(jira));

describe('Rovo agent actions, against recorded questions', () => {
  it.each(questions)('$question → $action', async ({ scenario, action, inputs, mustContain, mustNotContain }) => {
    const { app, change } = scenarios.get(scenario) ?? {};
    if (!app) throw new Error(`no scenario ${scenario}`);
    const page = handoffPageUrl(jira.url, 'DEL', APP);
    const actions = createRovoActions(app.deps, (site, key) => handoffPageUrl(site, key, APP));
    const answer = JSON.stringify(await actions[action](inputs, CHATTING));
    const filled = (text: string) =>
      text
        .replaceAll('{change}', change ?? '')
        .replaceAll('{site}', jira.url)
        .replaceAll('{page}', page);
    for (const text of mustContain) expect(answer).toContain(filled(text));
    for (const text of mustNotContain ?? []) expect(answer).not.toContain(filled(text));
  });
});

describe('Rovo provisioning needs the confirmed record id', () => {
  it('with it the run is queued, not inline, started by Rovo, and the answer says where to follow it', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveRecord', { record: exampleRecord('acme-onboarding', { id: 'acme-rovo-run' }) }),
      z.unknown(),
    );
    const actions = createRovoActions(app.deps, (site, key) => handoffPageUrl(site, key, APP));
    const wrong = await actions.provision({ project: 'DEL', confirmRecordId: 'acme-onboarding-2026' }, CHATTING);
    expect(wrong).toMatchObject({ started: false, needsConfirmation: expect.stringContaining('"acme-rovo-run"') });
    expect(app.pending).toEqual([]);
    const started = z
      .object({ started: z.literal(true), runId: z.string(), follow: z.string() })
      .parse(await actions.provision({ project: 'DEL', confirmRecordId: 'acme-rovo-run' }, CHATTING));
    expect(started.follow).toBe(handoffPageUrl(jira.url, 'DEL', APP));
    expect(app.pending.map((e) => e.body)).toEqual([{ projectKey: 'DEL', runId: started.runId, slice: 1 }]);
    const status = okValue(await app.call('provisioningStatus'), z.object({ run: z.object({ trigger: z.string() }) }));
    expect(status.run.trigger).toBe('rovo');
    expect(await actions.provision({ project: 'DEL', confirmRecordId: 'acme-rovo-run' }, CHATTING)).toMatchObject({
      started: false,
      busy: expect.stringContaining('already running'),
    });
  });

  const refusals = 'an unknown name, a project without a record, no topic, no person: each an answer, never a stack';
  it(refusals, async () => {
    const actions = createRovoActions(createForgeApp(jira).deps, (site, key) => handoffPageUrl(site, key, APP));
    expect(await actions.readiness({ project: 'Globex' }, CHATTING)).toEqual({
      error: 'No handoff you can see matches “Globex”; ask for the Jira project key.',
    });
    expect(await actions.readiness({ project: 'DEL' }, CHATTING)).toEqual({
      noRecord: 'No handoff record is saved for project DEL yet.',
    });
    const withRecord = scenarios.get('skylark')?.app;
    if (!withRecord) throw new Error('no skylark scenario');
    const asked = createRovoActions(withRecord.deps, (site, key) => handoffPageUrl(site, key, APP));
    expect(await asked.promises({ project: 'DEL' }, CHATTING)).toEqual({
      error: 'The question is not valid: topic: Invalid input: expected string, received undefined',
    });
    expect(await asked.changes({ project: 'DEL', since: 'last week' }, CHATTING)).toEqual({
      error: 'The question is not valid: since: a day as YYYY-MM-DD, or left out for since kickoff',
    });
    expect(await actions.readiness({ context: { jira: { projectKey: 'DEL' } } }, {})).toMatchObject({
      error: 'Handoff answers only a person, and Rovo named none.',
    });
  });
});
