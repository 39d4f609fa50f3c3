import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_PROJECT_KEY, type LocalJira } from '../../emulators/jira/index';
import { appOf } from '../../src/forge/deps';
import { draftGate } from '../../src/domain/intake/draft-gate';
import { MEMBER, closeJira, createForgeApp, errorOf, okValue, rest, startJira } from './support/forge-harness';
import { DEFAULT_MAPPING } from '../../src/domain/intake/mapping';
import { exampleRecord } from './support/records';
import { intakeFixture, signedHubspot, signedSalesforce, withDealFields } from '../support/intake-signing';
import { intakeOf, message } from './support/intake-harness';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('HubSpot intake (v3 signature, 5-minute window)', () => {
  it('a correctly signed payload becomes one draft; the same payload again creates nothing', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const body = intakeFixture('hubspot-closed-won.json');
    const first = await intake.hubspot(signedHubspot(body, app.deps.now()));
    expect(first.statusCode).toBe(200);
    expect(intake.queued).toHaveLength(1);
    await intake.drain();
    const again = await intake.hubspot(signedHubspot(body, app.deps.now() + 1000));
    expect([again.statusCode, message(again)]).toEqual([200, 'Already received; nothing new.']);
    expect(intake.queued).toHaveLength(0);
    const drafts = await intake.store.drafts();
    expect(drafts.map((d) => d.recordId)).toEqual(['hubspot-9876543210']);
    expect(drafts[0]?.draft.origins).toContainEqual({ path: 'customer.company', from: 'HubSpot associated company' });
  });

  it('a wrong signature, a stale timestamp or no signature gets 401 and stores nothing', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const body = intakeFixture('hubspot-closed-won.json');
    const now = app.deps.now();
    const wrong = await intake.hubspot(signedHubspot(body, now, { secret: 'not-the-secret' }));
    const otherUrl = await intake.hubspot(signedHubspot(body, now, { uri: 'https://elsewhere.example/hook' }));
    const stale = await intake.hubspot(signedHubspot(body, now - 5 * 60_000 - 1));
    const bare = await intake.hubspot({ method: 'POST', body, headers: {} });
    expect([wrong, otherUrl, stale, bare].map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    expect(message(stale)).toBe('The HubSpot request is more than five minutes old; it was refused.');
    expect(await intake.keys('intake-')).toEqual([]);
    expect(intake.queued).toEqual([]);
  });

  it('an older event after a newer one changes nothing', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const newer = withDealFields('hubspot-closed-won.json', {
      closedate: '2026-12-02T10:00:00.000Z',
      hs_lastmodifieddate: '2026-12-02T10:00:00.000Z',
      dealname: 'Newer name',
    });
    const older = withDealFields('hubspot-closed-won.json', { dealname: 'Older name' });
    expect((await intake.hubspot(signedHubspot(newer, app.deps.now()))).statusCode).toBe(200);
    await intake.drain();
    const late = await intake.hubspot(signedHubspot(older, app.deps.now()));
    expect(message(late)).toMatch(/older state/);
    expect(intake.queued).toEqual([]);
    expect((await intake.store.drafts()).map((d) => d.draft.record.title)).toEqual(['Newer name']);
  });

  it('a deal not closed-won in the mapped pipeline is answered 200 and stores nothing', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const open = withDealFields('hubspot-closed-won.json', { dealstage: 'contractsent' });
    expect((await intake.hubspot(signedHubspot(open, app.deps.now()))).statusCode).toBe(200);
    expect(await intake.keys('intake-')).toEqual([]);
  });

  it('when the queue is down the CRM gets 503, and its next delivery is taken, not called a duplicate', async () => {
    const app = createForgeApp(jira);
    let down = true;
    const intake = intakeOf(app, { failPush: () => down });
    const body = intakeFixture('hubspot-closed-won.json');
    expect((await intake.hubspot(signedHubspot(body, app.deps.now()))).statusCode).toBe(503);
    down = false;
    const retry = await intake.hubspot(signedHubspot(body, app.deps.now()));
    expect([retry.statusCode, message(retry)]).toEqual([
      200,
      'Accepted: the deal becomes a draft in the Handoff inbox.',
    ]);
  });
});

describe('Salesforce intake (X-Handoff-Signature HMAC)', () => {
  it('a payload with a missing contact role becomes a draft whose gate names the missing role', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const response = await intake.salesforce(
      signedSalesforce(intakeFixture('salesforce-closed-won.json'), app.deps.now()),
    );
    expect(response.statusCode).toBe(200);
    await intake.drain();
    const [stored] = await intake.store.drafts();
    if (!stored) throw new Error('no draft');
    const gate = draftGate(stored.draft, app.deps.today());
    expect(gate.decision).toBe('not-yet');
    expect(gate.blockers).toContainEqual({
      path: 'customer.contacts',
      message:
        'Salesforce gives Lee Park no contact role (OpportunityContactRole.Role) on the deal: choose their role.',
    });
  });

  it('a request signed with another secret gets 401', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const body = intakeFixture('salesforce-closed-won.json');
    expect((await intake.salesforce(signedSalesforce(body, app.deps.now(), 'guessed'))).statusCode).toBe(401);
    expect(await intake.keys('intake-')).toEqual([]);
  });
});

describe('upsell on a provisioned account', () => {
  it('becomes a change proposal on that record, not a second record', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const acme = exampleRecord('acme-onboarding');
    const base = exampleRecord('acme-onboarding', {
      id: 'northwind-intake',
      customer: { ...acme.customer, company: 'Northwind Freight AB' },
      people: { ...acme.people, 'approval-owner': MEMBER.email },
    });
    okValue(await app.call('saveRecord', { record: base }), z.unknown());
    okValue(await app.call('provision'), z.object({ mode: z.literal('inline') }));

    const response = await intake.hubspot(signedHubspot(intakeFixture('hubspot-upsell.json'), app.deps.now()));
    expect(response.statusCode).toBe(200);
    await intake.drain();
    expect(await intake.store.drafts()).toEqual([]);
    const history = await appOf(app.deps).store.history(DEMO_PROJECT_KEY, 50);
    const proposed = history.entries.find((h) => h.action === 'change-proposed');
    expect(proposed?.summary).toMatch(/^DEL-\d+: upsell from HubSpot deal 9876543299, 1 added$/);
    const key = proposed?.summary.split(':')[0] ?? '';
    const issue = z
      .object({ fields: z.object({ labels: z.array(z.string()) }) })
      .parse(await rest(jira, 'GET', `/rest/api/3/issue/${key}?fields=labels`));
    expect(issue.fields.labels).toContain('change-request');
  });
});

describe('the inbox (resolvers the panel calls)', () => {
  it('lists the draft, opens it with its origins and gate, and a project admin alone sets the mapping', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    await intake.drain();
    const inbox = okValue(
      await app.call('intakeInbox', {}),
      z.object({
        drafts: z.array(z.object({ recordId: z.string(), blockers: z.number(), unrouted: z.boolean() })),
      }),
    );
    expect(inbox.drafts.map((d) => d.recordId)).toEqual(['hubspot-9876543210']);
    // No project's mapping claims it yet: unrouted, shown to the project's admin.
    expect(inbox.drafts[0]?.unrouted).toBe(true);
    const opened = okValue(
      await app.call('openDraft', { recordId: 'hubspot-9876543210' }),
      z.object({ origins: z.array(z.object({ path: z.string(), from: z.string() })), blockers: z.array(z.unknown()) }),
    );
    expect(opened.origins).toContainEqual({ path: 'title', from: 'HubSpot deal field dealname' });
    expect(opened.blockers.length).toBe(inbox.drafts[0]?.blockers);

    const mapping = { hubspot: { ...DEFAULT_MAPPING.hubspot, closedWon: [{ pipeline: 'default', stage: 'won' }] } };
    expect(errorOf(await app.call('saveIntakeMapping', { mapping }, { who: MEMBER })).code).toBe('FORBIDDEN');
    okValue(await app.call('saveIntakeMapping', { mapping }), z.unknown());
    const later = await intake.hubspot(
      signedHubspot(
        withDealFields('hubspot-closed-won.json', { dealstage: 'won', closedate: '2026-12-03' }),
        app.deps.now(),
      ),
    );
    expect(message(later)).toMatch(/^Accepted/);

    okValue(await app.call('dismissDraft', { recordId: 'hubspot-9876543210' }), z.unknown());
    expect(errorOf(await app.call('openDraft', { recordId: 'hubspot-9876543210' })).code).toBe('NOT_FOUND');
  });
});
