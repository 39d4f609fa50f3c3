import { Hono } from 'hono';
import { z } from 'zod';
import { refusal, type AsanaAppEnv } from './asana-request';
import { FIELD, ruleForm, valueOf, type FormState } from './forms';
import type { ProvisionJob } from './provision-job';
import type { RecordStore } from './record-store';
import type { RuleConfigs } from './rule-configs';

export type RuleDeps = {
  base: string;
  records: RecordStore;
  configs: RuleConfigs;
  /** True the first time an idempotency key is seen (persisted). */
  first: (key: string) => Promise<boolean>;
  queue: (job: ProvisionJob) => void;
};

const gid = z.string().regex(/^\d+$/);
const runAction = z.object({
  workspace: gid,
  target_object: gid,
  action: z.string().min(1),
  idempotency_key: z.string().min(1),
});

/** The form's state from Asana's `values`: the chosen record (if stored), the team, and what is wrong. */
async function stateOf(records: RecordStore, values: unknown): Promise<FormState & { recordId?: string }> {
  const recordId = valueOf(values, FIELD.record);
  const team = valueOf(values, FIELD.team);
  const stored = recordId === undefined ? null : await records.get(recordId);
  const teamError = team !== undefined && !gid.safeParse(team).success ? 'The team is a gid: digits only.' : undefined;
  return {
    ...(stored ? { record: { title: stored.title, value: stored.id }, recordId: stored.id } : {}),
    ...(team ? { team } : {}),
    ...(recordId !== undefined && stored === null
      ? { error: `No stored record "${recordId}": add it with handoff asana-app add-record.` }
      : teamError
        ? { error: teamError }
        : {}),
  };
}

/**
 * The rule action "Provision handoff" (a rule such as "task moved to Ready for kickoff"):
 * its configuration form, kept per rule action on submit, and run_action, which answers at once
 * and queues the provisioning; Asana gives 10 seconds.
 */
export function ruleRoutes(deps: RuleDeps) {
  const routes = new Hono<AsanaAppEnv>();

  routes.get('/metadata', async (c) => {
    const action = c.var.payload.action;
    const config = typeof action === 'string' ? await deps.configs.get(action) : null;
    const stored = config ? await deps.records.get(config.record) : null;
    return c.json(
      ruleForm(deps, {
        ...(stored ? { record: { title: stored.title, value: stored.id } } : {}),
        ...(config?.team ? { team: config.team } : {}),
      }),
    );
  });

  routes.post('/on_change', async (c) => c.json(ruleForm(deps, await stateOf(deps.records, c.var.payload.values))));

  routes.post('/on_submit', async (c) => {
    const { action, values } = c.var.payload;
    const state = await stateOf(deps.records, values);
    if (state.recordId === undefined || state.error)
      return c.json(ruleForm(deps, { ...state, error: state.error ?? 'Pick the handoff record to provision.' }), 400);
    if (typeof action !== 'string' || action === '')
      return refusal(c, 400, 'Asana sent no action id to keep this configuration under; save the rule again.');
    await deps.configs.save(action, { record: state.recordId, ...(state.team ? { team: state.team } : {}) });
    return c.json({});
  });

  routes.post('/run_action', async (c) => {
    const parsed = runAction.safeParse(c.var.payload);
    if (!parsed.success)
      return refusal(c, 400, 'run_action needs workspace, target_object, action and idempotency_key, as Asana sends.');
    const run = parsed.data;
    const config = await deps.configs.get(run.action);
    if (config === null)
      return refusal(c, 404, 'This rule action has no saved configuration: edit the rule and pick a handoff record.');
    // Asana retries a request it got no answer to: the same key is answered "ok" again, and runs nothing.
    if (await deps.first(run.idempotency_key))
      deps.queue({ recordId: config.record, workspace: run.workspace, team: config.team, task: run.target_object });
    return c.json({ action_result: 'ok' });
  });

  return routes;
}
