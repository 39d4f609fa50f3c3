import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HandoffRecord } from '../../src/domain/record/record';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import {
  ADMIN,
  MEMBER,
  closeJira,
  createForgeApp,
  errorOf,
  issuesOf,
  okValue,
  rest,
  startJira,
  type ForgeApp,
} from './support/forge-harness';
import { exampleRecord } from './support/records';

/**
 * Attack F1 through the Forge resolvers: the admin (not the approval owner) may edit the
 * change request's entity properties in Jira, but approve and apply check them against the
 * seal the app keeps in its own storage, which no Jira user can write.
 */

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const proposal = z.object({ kind: z.literal('proposed'), key: z.string() });
const loaded = z.object({
  history: z.array(z.object({ action: z.string(), summary: z.string() })),
  record: z.object({
    promises: z.array(z.object({ id: z.string(), title: z.string(), excluded: z.string().optional() })),
  }),
});
const property = (key: string, name: string) => `/rest/api/3/issue/${key}/properties/${name}`;
/** PUT of an entity property, as any user who may edit the issue can: 200 or 201 with no body. */
async function putProperty(key: string, name: string, value: unknown): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.apiToken}`).toString('base64')}`;
  const response = await fetch(`${jira.url}${property(key, name)}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
  expect(response.status).toBe(200);
}
const valueOf = async (key: string, name: string) =>
  z.object({ value: z.record(z.string(), z.unknown()) }).parse(await rest(jira, 'GET', property(key, name))).value;

/** Acme with Maria (the harness's member) as approval owner, provisioned inline. */
async function provisioned(app: ForgeApp, id: string): Promise<HandoffRecord> {
  const acme = exampleRecord('acme-onboarding');
  const base = exampleRecord('acme-onboarding', { id, people: { ...acme.people, 'approval-owner': MEMBER.email } });
  okValue(await app.call('saveRecord', { record: base }), z.unknown());
  okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
  return base;
}

const retitled = (base: HandoffRecord): HandoffRecord => ({
  ...base,
  promises: base.promises?.map((p) => (p.id === 'training' ? { ...p, title: 'Three training sessions' } : p)),
});
const descopingAll = (base: HandoffRecord): HandoffRecord => ({
  ...base,
  promises: base.promises?.map((p) =>
    p.excluded ? p : { id: p.id, title: p.title, source: p.source, excluded: 'dropped' },
  ),
  dependencies: base.dependencies?.map((d) => ({ ...d, blocks: [] })),
});

describe('attack F1 through the Forge resolvers', () => {
  it('attack F1 (a): the admin rewrites approvalOwner to himself: approve and apply stay refused', async () => {
    const app = createForgeApp(jira);
    const base = await provisioned(app, 'forge-forged-owner');
    const { key } = okValue(await app.call('proposeChange', { record: retitled(base) }), proposal);
    expect(errorOf(await app.call('approveChange', { key }))).toMatchObject({ code: 'FORBIDDEN' });

    const state = await valueOf(key, 'handoff-change');
    const admin = { email: ADMIN.email, account: accountIdFor(ADMIN.email) };
    await putProperty(key, 'handoff-change', { ...state, approvalOwner: admin });

    expect(errorOf(await app.call('approveChange', { key }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(`${key}'s change data was edited after it was proposed`),
    });
    expect(errorOf(await app.call('applyChange', { key }))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('nothing was applied'),
    });
    expect(app.pending).toEqual([]);
    const training = okValue(await app.call('loadRecord'), loaded).record.promises.find((p) => p.id === 'training');
    expect(training?.title).toBe('Two recorded admin training sessions');
  });

  const copied =
    'attack F1 (b): state and payload of another proposal copied onto one the owner approved: ' +
    'the background apply refuses, no ticket is descoped, the stored record stays';
  it(copied, async () => {
    const app = createForgeApp(jira);
    const base = await provisioned(app, 'forge-copied');
    const harmless = okValue(await app.call('proposeChange', { record: retitled(base) }), proposal);
    okValue(await app.call('approveChange', { key: harmless.key }, { who: MEMBER }), z.unknown());
    expect(app.pending).toHaveLength(1); // the apply is queued; the copy lands before it runs
    const harmful = okValue(await app.call('proposeChange', { record: descopingAll(base) }), proposal);
    for (const name of ['handoff-change', 'handoff-change-payload-0'])
      await putProperty(harmless.key, name, await valueOf(harmful.key, name));

    await app.drainQueue();
    const after = okValue(await app.call('loadRecord'), loaded);
    expect(after.history.at(-1)).toMatchObject({
      action: 'change-refused',
      summary: expect.stringContaining('change data was edited after it was proposed'),
    });
    expect(after.record.promises.filter((p) => p.excluded).map((p) => p.id)).toEqual(['bi']);
    const labels = await Promise.all(
      [...(await issuesOf(jira, 'forge-copied')).values()].flat().map(async (key) => {
        const issue = await rest(jira, 'GET', `/rest/api/3/issue/${key}?fields=labels`);
        return z.object({ fields: z.object({ labels: z.array(z.string()) }) }).parse(issue).fields.labels;
      }),
    );
    expect(labels.filter((l) => l.includes('descoped'))).toEqual([]);
  });

  const trigger =
    'attack F1 (a) by the Jira workflow: the rewriter moves it to Done himself; the trigger queues it, apply refuses';
  it(trigger, async () => {
    const app = createForgeApp(jira);
    const base = await provisioned(app, 'forge-forged-move');
    const { key } = okValue(await app.call('proposeChange', { record: retitled(base) }), proposal);
    const state = await valueOf(key, 'handoff-change');
    const admin = { email: ADMIN.email, account: accountIdFor(ADMIN.email) };
    await putProperty(key, 'handoff-change', { ...state, approvalOwner: admin });
    const done = z
      .object({
        transitions: z.array(z.object({ id: z.string(), to: z.object({ id: z.string(), name: z.string() }) })),
      })
      .parse(await rest(jira, 'GET', `/rest/api/3/issue/${key}/transitions`))
      .transitions.find((t) => t.to.name === 'Done');
    await rest(jira, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: done?.id } });
    await app.kickoff({
      atlassianId: accountIdFor(ADMIN.email),
      issue: { key, fields: { project: { key: 'DEL' } } },
      changelog: { items: [{ field: 'status', fieldId: 'status', to: done?.to.id, toString: 'Done' }] },
    });
    await app.drainQueue();
    expect(okValue(await app.call('loadRecord'), loaded).history.at(-1)).toMatchObject({
      action: 'change-refused',
      summary: expect.stringContaining('change data was edited after it was proposed'),
    });
  });

  it('the honest path: proposed again, a sealed change request opens; the owner approves; it applies', async () => {
    const app = createForgeApp(jira);
    const base = await provisioned(app, 'forge-honest');
    const first = okValue(await app.call('proposeChange', { record: retitled(base) }), proposal);
    const payload = await valueOf(first.key, 'handoff-change-payload-0');
    await putProperty(first.key, 'handoff-change-payload-0', { ...payload, data: 'H4sIAAAA' });
    expect(errorOf(await app.call('approveChange', { key: first.key }, { who: MEMBER }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const again = okValue(await app.call('proposeChange', { record: retitled(base) }), proposal);
    expect(again.key).not.toBe(first.key);
    okValue(await app.call('approveChange', { key: again.key }, { who: MEMBER }), z.unknown());
    await app.drainQueue();
    const after = okValue(await app.call('loadRecord'), loaded);
    expect(after.history.at(-1)?.action).toBe('change-applied');
  });
});
