import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_PROJECT_KEY, SCREENS_PROJECT_KEY, type LocalJira } from '../../emulators/jira/index';
import { DEFAULT_MAPPING } from '../../src/domain/intake/mapping';
import { closeJira, createForgeApp, errorOf, MEMBER, okValue, startJira, type ForgeApp } from './support/forge-harness';
import { intakeOf, message } from './support/intake-harness';
import { intakeFixture, signedHubspot, withDealFields } from '../support/intake-signing';

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

/** The settings page of a project other than the demo one, as Jira hands the app its context. */
const onProject = (key: string) => ({
  context: {
    moduleKey: 'handoff-settings',
    siteUrl: jira.url,
    extension: { type: 'jira:projectSettingsPage', project: { key, id: '10001', type: 'software' } },
  },
});
const hubspotWith = (closedWon: Array<{ pipeline?: string; stage: string }>) => ({
  hubspot: { ...DEFAULT_MAPPING.hubspot, closedWon },
});
const inboxIds = async (app: ForgeApp, as = {}) =>
  okValue(
    await app.call('intakeInbox', {}, as),
    z.object({ drafts: z.array(z.object({ recordId: z.string(), unrouted: z.boolean() })) }),
  ).drafts;

describe('intake mapping per project: the deal is routed by its closed-won pipeline and stage', () => {
  it('two projects with their own stages: each deal lands in the inbox of the project that claims it', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    okValue(
      await app.call('saveIntakeMapping', { mapping: hubspotWith([{ pipeline: 'default', stage: 'closedwon' }]) }),
      z.unknown(),
    );
    okValue(
      await app.call(
        'saveIntakeMapping',
        { mapping: hubspotWith([{ pipeline: 'renewals', stage: 'won' }]) },
        onProject(SCREENS_PROJECT_KEY),
      ),
      z.unknown(),
    );
    await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    const renewal = withDealFields('hubspot-closed-won.json', {
      pipeline: 'renewals',
      dealstage: 'won',
      closedate: '2026-12-03',
    });
    const other = JSON.stringify({ ...JSON.parse(renewal), objectId: 5550001 });
    await intake.hubspot(signedHubspot(other, app.deps.now()));
    await intake.drain();
    const drafts = await intake.store.drafts();
    expect(Object.fromEntries(drafts.map((d) => [d.recordId, d.projectKey]))).toEqual({
      'hubspot-9876543210': DEMO_PROJECT_KEY,
      'hubspot-5550001': SCREENS_PROJECT_KEY,
    });
    expect((await inboxIds(app)).map((d) => d.recordId)).toEqual(['hubspot-9876543210']);
    expect((await inboxIds(app, onProject(SCREENS_PROJECT_KEY))).map((d) => d.recordId)).toEqual(['hubspot-5550001']);
    // The other project's draft is not this project's to open.
    expect(errorOf(await app.call('openDraft', { recordId: 'hubspot-5550001' })).code).toBe('NOT_FOUND');
  });

  it('a second claim of the same pipeline and stage is refused, naming the field and the other project', async () => {
    const app = createForgeApp(jira);
    okValue(
      await app.call('saveIntakeMapping', { mapping: hubspotWith([{ pipeline: 'default', stage: 'closedwon' }]) }),
      z.unknown(),
    );
    const refused = errorOf(
      await app.call(
        'saveIntakeMapping',
        { mapping: hubspotWith([{ pipeline: 'x', stage: 'y' }, { stage: 'closedwon' }]) },
        onProject(SCREENS_PROJECT_KEY),
      ),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.problems).toEqual([
      {
        path: 'hubspot.closedWon.1.stage',
        message:
          `HubSpot stage closedwon is already claimed by project ${DEMO_PROJECT_KEY}: ` +
          'a won deal goes to one project, so remove it there first.',
      },
    ]);
    // The project's own mapping saved again is no conflict with itself.
    okValue(
      await app.call('saveIntakeMapping', { mapping: hubspotWith([{ pipeline: 'default', stage: 'closedwon' }]) }),
      z.unknown(),
    );
  });

  it('a deal no project claims waits unrouted, for project admins only; a member cannot save a mapping', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    okValue(
      await app.call('saveIntakeMapping', { mapping: hubspotWith([{ pipeline: 'renewals', stage: 'won' }]) }),
      z.unknown(),
    );
    const answer = await intake.hubspot(signedHubspot(intakeFixture('hubspot-closed-won.json'), app.deps.now()));
    expect(message(answer)).toMatch(/^Accepted/);
    await intake.drain();
    expect(await inboxIds(app)).toEqual([{ recordId: 'hubspot-9876543210', unrouted: true }]);
    expect(await inboxIds(app, { who: MEMBER })).toEqual([]);
    expect(
      errorOf(await app.call('saveIntakeMapping', { mapping: hubspotWith([{ stage: 'a' }]) }, { who: MEMBER })).code,
    ).toBe('FORBIDDEN');
    // Not won by any mapping (nor HubSpot's default stage): nothing to do.
    const open = withDealFields('hubspot-closed-won.json', {
      dealstage: 'appointmentscheduled',
      closedate: '2026-12-04',
    });
    expect(message(await intake.hubspot(signedHubspot(open, app.deps.now())))).toMatch(/^Not a closed-won deal/);
  });

  it('the installation-wide mapping of earlier versions is the fallback and the editor starting point', async () => {
    const app = createForgeApp(jira);
    const intake = intakeOf(app);
    const legacy = {
      hubspot: {
        ...DEFAULT_MAPPING.hubspot,
        closedWon: [{ stage: 'won' }],
        target: { tracker: 'jira', project: DEMO_PROJECT_KEY },
      },
    };
    await app.deps.kvs.set('intake-mapping', legacy);
    const view = okValue(
      await app.call('intakeMapping', {}),
      z.object({
        from: z.string(),
        mayEdit: z.boolean(),
        mapping: z.object({ hubspot: z.object({ closedWon: z.array(z.unknown()) }) }),
      }),
    );
    expect([view.from, view.mayEdit, view.mapping.hubspot.closedWon]).toEqual([
      'installation',
      true,
      [{ stage: 'won' }],
    ]);
    const won = withDealFields('hubspot-closed-won.json', { dealstage: 'won' });
    await intake.hubspot(signedHubspot(won, app.deps.now()));
    await intake.drain();
    expect((await intake.store.drafts()).map((d) => d.projectKey)).toEqual([DEMO_PROJECT_KEY]);
  });
});
