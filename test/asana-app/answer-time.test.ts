import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/domain/plan/plan';
import { z } from 'zod';
import { signatureOf } from '../../src/asana-app/signature';
import { aDealTask, CLIENT_SECRET, largeRecord, provisionedTasks, useAsanaApp, yamlOf } from './support';

/** Asana waits this long for an app server's answer (App Components' 10-second timeout). */
const ASANA_TIMEOUT_MS = 10_000;

describe('Asana App Components 10 s timeout: run_action answers at once and queues the work', () => {
  const rig = useAsanaApp();

  it('with a 100-item record the answer comes well within it; the queued run makes one task per item', async () => {
    const record = largeRecord('big-hundred', 100, 0);
    const saved = await rig().app.records.save(yamlOf(record));
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems.slice(0, 2)));
    const { project, task } = await aDealTask(rig());
    const rule = await rig().admin('/rule-actions', { project, values: { record: 'big-hundred' } });
    const { action } = z.object({ action: z.string() }).parse(rule.body);

    const data = JSON.stringify({
      workspace: '1200000000000000',
      project,
      user: '1200000000000002',
      target_object: task,
      action,
      action_type: 'provision-handoff',
      idempotency_key: 'hundred',
      expires_at: new Date(Date.now() + ASANA_TIMEOUT_MS).toISOString(),
    });
    const started = performance.now();
    const response = await fetch(`${rig().app.origin}/asana-app/rule/run_action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-asana-request-signature': signatureOf(CLIENT_SECRET, data) },
      body: JSON.stringify({ data }),
    });
    const answeredMs = performance.now() - started;
    expect(await response.json()).toEqual({ action_result: 'ok' });
    console.info(`run_action with a 100-item record answered in ${answeredMs.toFixed(1)} ms`);
    expect(answeredMs).toBeLessThan(ASANA_TIMEOUT_MS / 10);

    const runStarted = performance.now();
    await rig().app.idle();
    console.info(`the queued provisioning took ${((performance.now() - runStarted) / 1000).toFixed(1)} s`);
    const plan = buildPlan(saved.stored.record, { target: 'asana' });
    expect(plan.items.length).toBeGreaterThanOrEqual(100);
    expect(await provisionedTasks(rig(), 'big-hundred')).toHaveLength(plan.items.length);
  });
});
