import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPlan } from '../../src/domain/plan/plan';
import { readRecord } from '../../src/domain/record/read-record';
import { signatureOf } from '../../src/asana-app/signature';
import { aDealTask, commentsOn, CLIENT_SECRET, exampleText, provisionedTasks, useAsanaApp, type Rig } from './support';

const ACME = 'acme-onboarding-2026';

/** How many tasks a provisioning of `name` makes: one per planned item (the "About this handoff" task is one). */
function tasksPlannedFor(name: string): number {
  const read = readRecord(exampleText(name));
  if (!read.ok) throw new Error(`${name} does not read`);
  return buildPlan(read.value, { target: 'asana' }).items.length;
}

/** Stores the example, saves a rule "Provision handoff" on the sales project through Asana's form; its action id. */
async function aRule(rig: Rig, example: string, recordId: string, project: string): Promise<string> {
  const saved = await rig.app.records.save(exampleText(example));
  expect(saved.ok).toBe(true);
  const rule = await rig.admin('/rule-actions', { project, values: { record: { title: 'x', value: recordId } } });
  expect(rule).toMatchObject({ status: 200, body: { status: 200 } });
  return z.object({ action: z.string() }).parse(rule.body).action;
}

describe('Asana app server: rule action "Provision handoff"', () => {
  const rig = useAsanaApp();

  it('a signed run_action provisions the record in the local Asana and comments the outcome on the task', async () => {
    const { project, task } = await aDealTask(rig());
    const action = await aRule(rig(), 'acme-onboarding', ACME, project);

    const fired = await rig().admin(`/rule-actions/${action}/run`, { task });
    expect(fired.body).toMatchObject({ status: 200, body: { action_result: 'ok' } });
    await rig().app.idle();

    expect(await provisionedTasks(rig(), ACME)).toHaveLength(tasksPlannedFor('acme-onboarding'));
    const [comment] = await commentsOn(rig(), task);
    expect(comment).toMatch(/^Handoff provisioned\. "Acme .*": \d+ tasks created, 0 already there, 0 failed/);
    // Each created task with its link, which opens in the local Asana.
    const url = /\/promise\/sso \((http:\/\/127\.0\.0\.1:\d+\/0\/0\/\d+)\) created/.exec(comment ?? '')?.[1];
    expect(url).toBeDefined();
    const page = await fetch(url ?? '');
    expect(page.status).toBe(200);
    const shown = await page.text();
    expect(shown).toContain('<h1>SSO');
    expect(shown).not.toContain('<script');
    // What it depends on links to that task's own page, which names it.
    const dependsOn = /Depends on<\/dt>\s*<dd>\s*<ul>\s*<li><a href="(\/0\/0\/\d+)">([^<]+)<\/a>/.exec(shown);
    expect(dependsOn).not.toBeNull();
    const dependency = await fetch(new URL(dependsOn?.[1] ?? '', url));
    expect(await dependency.text()).toContain(`<h1>${dependsOn?.[2] ?? ''}`);
  });

  it('the same idempotency_key twice creates nothing new, also after the app server restarted', async () => {
    const { project, task } = await aDealTask(rig());
    const action = await aRule(rig(), 'acme-onboarding', ACME, project);
    const first = await rig().admin(`/rule-actions/${action}/run`, { task, idempotency_key: 'key-1' });
    expect(first.body).toMatchObject({ body: { action_result: 'ok' } });
    await rig().app.idle();
    const made = await provisionedTasks(rig(), ACME);

    const again = await rig().admin(`/rule-actions/${action}/run`, { task, idempotency_key: 'key-1' });
    await rig().app.idle();
    await rig().restart();
    const afterRestart = await rig().admin(`/rule-actions/${action}/run`, { task, idempotency_key: 'key-1' });
    await rig().app.idle();

    // Asana gets its "ok" each time (it retries what it got no answer to), and nothing runs again.
    for (const retry of [again, afterRestart]) expect(retry.body).toMatchObject({ body: { action_result: 'ok' } });
    expect(await provisionedTasks(rig(), ACME)).toEqual(made);
    expect(await commentsOn(rig(), task)).toHaveLength(1);
  });

  it('a not-yet record is never provisioned: the comment lists its blockers', async () => {
    const { project, task } = await aDealTask(rig());
    const action = await aRule(rig(), 'skylark-support-not-yet', 'skylark-deskline-2026', project);
    await rig().admin(`/rule-actions/${action}/run`, { task });
    await rig().app.idle();

    expect(await provisionedTasks(rig(), 'skylark-deskline-2026')).toEqual([]);
    const [comment] = await commentsOn(rig(), task);
    expect(comment).toMatch(/^Handoff: not yet\. .* nothing was created\./);
    expect(comment).toMatch(/\n• \S+: /); // every blocker at its field
  });

  it('run_action of a rule action never configured is refused with a sentence, and runs nothing', async () => {
    const { task } = await aDealTask(rig());
    const fired = await rig().admin('/rule-actions/999/run', { task });
    expect(fired.body).toMatchObject({ status: 404, body: { data: { error: expect.stringMatching(/^This rule/) } } });
    await rig().app.idle();
    expect(rig().app.outcomes()).toEqual([]);
  });
});

describe('Asana app server: refusals change nothing', () => {
  const rig = useAsanaApp();

  /** A run_action as Asana would send it, with `change` applied to its payload or signature. */
  async function runAction(
    task: string,
    action: string,
    change: { signature?: string | null; expiresAt?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const data = JSON.stringify({
      workspace: '1200000000000000',
      project: '1',
      user: '1',
      target_object: task,
      action,
      action_type: 'provision-handoff',
      idempotency_key: `k-${Math.random()}`,
      expires_at: change.expiresAt ?? new Date(Date.now() + 10_000).toISOString(),
    });
    const signature = change.signature === undefined ? signatureOf(CLIENT_SECRET, data) : change.signature;
    const response = await fetch(`${rig().app.origin}/asana-app/rule/run_action`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === null ? {} : { 'x-asana-request-signature': signature }),
      },
      body: JSON.stringify({ data }),
    });
    return { status: response.status, body: await response.json() };
  }

  it.each([
    ['a wrong signature', { signature: signatureOf('another-secret', 'anything') }, 401, /does not match/],
    ['no signature', { signature: null }, 401, /no x-asana-request-signature/],
    ['an expired expires_at', { expiresAt: new Date(Date.now() - 1000).toISOString() }, 400, /expired/],
    ['an expired expires_at in milliseconds', { expiresAt: String(Date.now() - 1000) }, 400, /expired/],
  ])('%s is refused with a sentence, and nothing is created', async (_name, change, status, said) => {
    const { project, task } = await aDealTask(rig());
    const action = await aRule(rig(), 'acme-onboarding', ACME, project);

    const refused = await runAction(task, action, change);
    await rig().app.idle();

    expect(refused).toEqual({ status, body: { data: { error: expect.stringMatching(said) } } });
    expect(await provisionedTasks(rig(), ACME)).toEqual([]);
    expect(await commentsOn(rig(), task)).toEqual([]);
  });

  it('the same request correctly signed is accepted (the refusals above are the signature and the time)', async () => {
    const { project, task } = await aDealTask(rig());
    const action = await aRule(rig(), 'acme-onboarding', ACME, project);
    expect(await runAction(task, action)).toEqual({ status: 200, body: { action_result: 'ok' } });
    await rig().app.idle();
    expect(await provisionedTasks(rig(), ACME)).toHaveLength(tasksPlannedFor('acme-onboarding'));
  });
});
