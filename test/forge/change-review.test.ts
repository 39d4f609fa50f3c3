import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalJira } from '../../emulators/jira/index';
import { MEMBER, closeJira, createForgeApp, errorOf, okValue, startJira } from './support/forge-harness';
import { exampleRecord } from './support/records';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

const proposal = z.object({ key: z.string(), change: z.unknown() });
const review = z.object({
  key: z.string(),
  url: z.string(),
  status: z.string(),
  change: z
    .object({
      changed: z.array(z.object({ due: z.object({ from: z.string(), to: z.string() }).optional() }).loose()),
    })
    .loose(),
  proposedBy: z.object({ name: z.string() }),
  approvalOwner: z.object({ email: z.string(), name: z.string().nullable() }),
  refusal: z.string().nullable(),
});

describe("an approver's screen: a pending change request read back from Jira", () => {
  it('shows the same diff to every session after a reload, and says who may decide', async () => {
    const app = createForgeApp(jira);
    const acme = exampleRecord('acme-onboarding');
    const base = exampleRecord('acme-onboarding', {
      id: 'review-change',
      people: { ...acme.people, 'approval-owner': MEMBER.email },
    });
    okValue(await app.call('saveRecord', { record: base }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));
    const moved = base.promises?.map((p, i) => (i === 0 ? { ...p, due: '2027-01-27' } : p));
    const proposed = okValue(await app.call('proposeChange', { record: { ...base, promises: moved } }), proposal);

    // Nothing of the proposing session is kept: each read is from the change request in Jira.
    const asAdmin = okValue(await app.call('reviewChange', { key: proposed.key }), review);
    expect(asAdmin.change).toEqual(proposed.change);
    expect(asAdmin.change.changed[0]?.due?.to).toBe('2027-01-27');
    expect(asAdmin).toMatchObject({
      key: proposed.key,
      status: 'proposed',
      proposedBy: { name: 'Handoff Admin' },
      approvalOwner: { email: MEMBER.email, name: 'Maria Lopez' },
      refusal: `Only Maria Lopez (the approval owner) may decide on ${proposed.key}; Jira knows you as Handoff Admin.`,
    });

    const asOwner = okValue(await app.call('reviewChange', { key: proposed.key }, { who: MEMBER }), review);
    expect(asOwner.change).toEqual(proposed.change);
    expect(asOwner.refusal).toBeNull();
  });

  it('a key of another project is refused in words', async () => {
    const app = createForgeApp(jira);
    expect(errorOf(await app.call('reviewChange', { key: 'OPS-1' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
