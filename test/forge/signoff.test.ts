import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { ADMIN, MEMBER, closeJira, createForgeApp, errorOf, okValue, person, startJira } from './support/forge-harness';
import { exampleRecord } from './support/records';

/** Acme with a sales owner (jo.seller) and an operations owner (ops.lead); maria.lopez (MEMBER) owns delivery. */
const SALES = person('jo.seller@vendor.example');
const OPERATIONS = person('ops.lead@vendor.example');

const gateView = z.object({ decision: z.enum(['go', 'not-yet']), blockers: z.array(z.object({ path: z.string() })) });
const loaded = z.object({
  record: z.object({ signoffs: z.unknown().optional() }).loose(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), summary: z.string() })),
});
const signer = z.object({
  field: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  you: z.boolean(),
  refusal: z.string().nullable(),
});
const whoAmI = z.object({
  accountId: z.string(),
  displayName: z.string(),
  signers: z.object({ sales: signer, operations: signer, delivery: signer }).nullable(),
});

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

async function unsignedAcme(id: string) {
  const app = createForgeApp(jira);
  const acme = exampleRecord('acme-onboarding', { id, signoffs: undefined });
  const people = { ...acme.people, 'sales-owner': SALES.email, 'operations-owner': OPERATIONS.email };
  okValue(await app.call('saveRecord', { record: { ...acme, people } }), z.unknown());
  return app;
}

describe('sign-off by the person signed in', () => {
  const signsAsThemselves =
    "each role's person signs as themselves; the record keeps their e-mail, the history who clicked and when";
  it(signsAsThemselves, async () => {
    const app = await unsignedAcme('signoff-identity');
    okValue(await app.call('signOff', { role: 'sales' }, { who: SALES }), z.unknown());
    okValue(await app.call('signOff', { role: 'operations' }, { who: OPERATIONS }), z.unknown());
    const last = okValue(
      await app.call('signOff', { role: 'delivery', status: 'ready' }, { who: MEMBER }),
      z.object({ signoffs: z.unknown(), history: z.object({ at: z.string(), by: z.string() }) }),
    );
    expect(last.signoffs).toEqual({
      sales: { by: SALES.email, at: '2026-12-01', statement: 'no-undocumented-promises' },
      operations: { by: OPERATIONS.email, at: '2026-12-01' },
      delivery: { by: MEMBER.email, at: '2026-12-01', status: 'ready' },
    });
    expect(okValue(await app.call('gate'), gateView).decision).toBe('go');

    const { history } = okValue(await app.call('loadRecord'), loaded);
    expect(history.map((h) => [h.action, h.by])).toEqual([
      ['saved', accountIdFor(ADMIN.email)],
      ['signed-off', accountIdFor(SALES.email)],
      ['signed-off', accountIdFor(OPERATIONS.email)],
      ['signed-off', accountIdFor(MEMBER.email)],
    ]);
    expect(history[1]?.summary).toBe(`sales signed off by Jo Seller (Jira account ${accountIdFor(SALES.email)})`);
    expect(history[3]?.summary).toBe(
      `delivery signed off by Maria Lopez (Jira account ${accountIdFor(MEMBER.email)}) (ready)`,
    );
    expect(history[3]?.at).toBe(last.history.at);
  });

  const someoneElse =
    'someone else is refused with who may sign, who Jira knows them as, and the field to change; nothing is saved';
  it(someoneElse, async () => {
    const app = await unsignedAcme('signoff-refused');
    const error = errorOf(await app.call('signOff', { role: 'operations' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(
      'Only Ops Lead (people.operations-owner) may sign off operations; you are signed in as Handoff Admin. ' +
        'If you should sign, change people.operations-owner.',
    );
    expect(error.path).toBe('people.operations-owner');
    const { record, history } = okValue(await app.call('loadRecord'), loaded);
    expect(record.signoffs).toBeUndefined();
    expect(history.map((h) => h.action)).toEqual(['saved']);
  });

  it('a role nobody fills cannot be signed, and the refusal says which field names the signer', async () => {
    const app = createForgeApp(jira);
    // Acme as shipped names no sales owner and no account owner.
    const record = exampleRecord('acme-onboarding', { id: 'signoff-nobody', signoffs: undefined });
    okValue(await app.call('saveRecord', { record }), z.unknown());
    const error = errorOf(await app.call('signOff', { role: 'sales' }, { who: SALES }));
    expect(error.message).toBe(
      'Nobody may sign off sales yet: the record names no one for it. ' +
        'Set people.sales-owner (or people.account-owner) to the person who signs.',
    );
  });

  const forged = 'an attacker cannot sign as someone else by naming them: a `by` in the payload is refused unread';
  it(forged, async () => {
    const app = await unsignedAcme('signoff-forged');
    jira.resetStats();
    const error = errorOf(await app.call('signOff', { role: 'operations', by: OPERATIONS.email }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.problems?.map((p) => p.path)).toEqual(['']);
    expect(error.message).toContain('"by"');
    expect(jira.stats().total).toBe(0);
    expect(okValue(await app.call('loadRecord'), loaded).record.signoffs).toBeUndefined();
  });
});

describe('whoAmI', () => {
  it('says who is signed in and, per sign-off, whether it is theirs or who may give it', async () => {
    const app = await unsignedAcme('who-am-i');
    const me = okValue(await app.call('whoAmI', {}, { who: OPERATIONS }), whoAmI);
    expect(me).toMatchObject({ accountId: accountIdFor(OPERATIONS.email), displayName: 'Ops Lead' });
    expect(me.signers?.operations).toMatchObject({
      field: 'people.operations-owner',
      email: OPERATIONS.email,
      you: true,
      refusal: null,
    });
    expect(me.signers?.delivery).toMatchObject({ field: 'people.delivery-owner', name: 'Maria Lopez', you: false });
    expect(me.signers?.delivery.refusal).toContain('you are signed in as Ops Lead');
  });

  it('before a record is saved it names the person and no signers', async () => {
    const app = createForgeApp(jira);
    expect(okValue(await app.call('whoAmI', {}), whoAmI)).toEqual({
      accountId: accountIdFor(ADMIN.email),
      displayName: 'Handoff Admin',
      signers: null,
    });
  });
});
