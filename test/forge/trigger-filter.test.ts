import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { accountIdFor, type LocalJira } from '../../emulators/jira/index';
import { KICKOFF_LABEL } from '../../src/forge/resolvers/kickoff-mark';
import { CHANGE_REQUEST_LABEL } from '../../src/trackers/jira/jira-jql';
import { ADMIN, closeJira, createForgeApp, errorOf, issuesOf, okValue, rest, startJira } from './support/forge-harness';
import { evaluateFilter } from './support/forge-filter';
import { commentsOn, createKickoffIssue, edit, transition } from './support/jira-issues';
import { exampleRecord } from './support/records';

const trigger = z.object({
  modules: z.object({
    trigger: z.array(
      z.object({
        key: z.string(),
        filter: z.object({ ignoreSelf: z.boolean(), expression: z.string(), onError: z.string() }),
        payload: z.object({ include: z.object({ fields: z.array(z.string()) }) }),
      }),
    ),
  }),
});
const kickoffTrigger = trigger
  .parse(parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')))
  .modules.trigger.find((t) => t.key === 'kickoff-trigger');
const expression = kickoffTrigger?.filter.expression ?? '';
const passes = (event: unknown) => evaluateFilter(expression, event);
const labelsOf = async (key: string) =>
  z
    .object({ fields: z.object({ labels: z.array(z.string()) }) })
    .parse(await rest(jira, 'GET', `/rest/api/3/issue/${key}?fields=labels`)).fields.labels;
const by = accountIdFor(ADMIN.email);

let jira: LocalJira;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(() => closeJira(jira));

describe('Forge trigger filter: only status moves of marked issues invoke the app', () => {
  it('declares the expression, IGNORE_AND_LOG on error, and asks labels into the payload', () => {
    expect(kickoffTrigger?.filter).toMatchObject({ ignoreSelf: true, onError: 'IGNORE_AND_LOG' });
    expect(kickoffTrigger?.payload.include.fields).toEqual(['labels']);
    expect(expression).toContain(`'${KICKOFF_LABEL}'`);
    expect(expression).toContain(`'${CHANGE_REQUEST_LABEL}'`);
  });

  it('filters out edits and moves of unmarked issues; passes kickoff-issue and change-request moves', async () => {
    const app = createForgeApp(jira);
    const kickoff = await createKickoffIssue(jira, 'Kickoff: filtered');
    const plain = await createKickoffIssue(jira, 'Ordinary work');
    const change = await createKickoffIssue(jira, 'Change request');
    await rest(jira, 'PUT', `/rest/api/3/issue/${change.key}`, { fields: { labels: [CHANGE_REQUEST_LABEL] } });
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'filtered-kickoff',
          automation: { kickoffIssue: kickoff.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    expect(await labelsOf(kickoff.key)).toContain(KICKOFF_LABEL);

    expect(passes(await edit(jira, plain, { summary: 'Ordinary work, renamed' }))).toEqual({
      invoked: false,
      error: null,
    });
    expect(passes(await transition(jira, plain, 'In Progress', by)).invoked).toBe(false);
    expect(passes(await edit(jira, kickoff, { summary: 'Kickoff: renamed' })).invoked).toBe(false);
    expect(passes(await transition(jira, change, 'Done', by))).toEqual({ invoked: true, error: null });

    const move = await transition(jira, kickoff, 'Kickoff', by);
    expect(passes(move)).toEqual({ invoked: true, error: null });
    await app.kickoff(move);
    expect(app.pending).toHaveLength(1);
  });

  it('of 100 typical site edits, 100 invoke the app without the filter and 6 with it', async () => {
    const app = createForgeApp(jira);
    const kickoff = await createKickoffIssue(jira, 'Kickoff: counted');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'counted-kickoff',
          automation: { kickoffIssue: kickoff.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    const change = await createKickoffIssue(jira, 'Change request, counted');
    await rest(jira, 'PUT', `/rest/api/3/issue/${change.key}`, { fields: { labels: [CHANGE_REQUEST_LABEL] } });
    const work = await Promise.all([1, 2, 3, 4, 5].map((n) => createKickoffIssue(jira, `Work ${n}`)));

    // A day on a site: mostly field edits, some workflow moves, a few on Handoff's own issues.
    const events: unknown[] = [];
    const cycle = ['In Progress', 'Done', 'To Do'];
    const moved = new Map<string, number>();
    const move = async (issue: { id: string; key: string }) => {
      const n = moved.get(issue.key) ?? 0;
      moved.set(issue.key, n + 1);
      return transition(jira, issue, cycle[n % cycle.length] ?? 'To Do', by);
    };
    for (let round = 0; round < 10; round += 1) {
      app.clock.advance(60_000); // spread over the day, as Jira's rate limits expect
      for (const issue of work) events.push(await edit(jira, issue, { summary: `Work, round ${round}` }));
      events.push(await move(work[round % work.length] ?? kickoff));
      events.push(await move(work[(round + 2) % work.length] ?? kickoff));
      events.push(await edit(jira, kickoff, { summary: `Kickoff, round ${round}` }));
    }
    for (const status of ['In Progress', 'Kickoff', 'To Do']) events.push(await transition(jira, kickoff, status, by));
    for (const status of ['In Progress', 'Done', 'To Do']) events.push(await transition(jira, change, status, by));
    app.clock.advance(60_000);
    while (events.length < 100) events.push(await edit(jira, work[events.length % 5] ?? kickoff, { summary: 'tidy' }));

    const verdicts = events.map(passes);
    expect(events).toHaveLength(100);
    expect(verdicts.filter((v) => v.error !== null)).toEqual([]);
    expect(verdicts.filter((v) => v.invoked)).toHaveLength(6);
  });

  it('evaluates as Jira expressions do: no coercion, no === , null members only through ?.', () => {
    const event = { issue: { fields: { labels: ['change-request'] } } };
    expect(evaluateFilter("event.issue.fields.labels.includes('change-request')", event).invoked).toBe(true);
    expect(evaluateFilter("event.issue.key === 'DEL-1'", event).error).toContain('operator ===');
    expect(evaluateFilter('event.changelog.items.length > 0', event).error).toContain('member of null');
    expect(evaluateFilter('event.changelog?.items', event).error).toContain('no boolean');
    expect(evaluateFilter("event.issue.fields.labels.some(l => l == 'change-request') && 1", event).error).toContain(
      'no boolean',
    );
    expect(passes({ issue: { key: 'DEL-1' } })).toEqual({ invoked: false, error: null });
  });

  it('passes a status move whose payload lacks labels (included fields reaching the filter is undocumented)', () => {
    const statusMove = { changelog: { items: [{ fieldId: 'status', toString: 'Kickoff' }] } };
    const withoutLabels = { ...statusMove, issue: { key: 'DEL-1', fields: { summary: 'Kickoff' } } };
    expect(passes(withoutLabels)).toEqual({ invoked: true, error: null });
    const edit = { changelog: { items: [{ fieldId: 'summary', toString: 'x' }] }, issue: { key: 'DEL-1', fields: {} } };
    expect(passes(edit)).toEqual({ invoked: false, error: null });
    const unmarked = { ...statusMove, issue: { key: 'DEL-2', fields: { labels: ['other'] } } };
    expect(passes(unmarked)).toEqual({ invoked: false, error: null });
  });
});

describe('kickoff mark', () => {
  it('saving a record whose kickoff issue cannot be labelled is refused on automation.kickoffIssue', async () => {
    const app = createForgeApp(jira);
    const record = exampleRecord('acme-onboarding', {
      id: 'unmarkable-kickoff',
      automation: { kickoffIssue: 'DEL-99999', kickoffStatus: 'Kickoff' },
    });
    expect(errorOf(await app.call('saveRecord', { record }))).toMatchObject({
      code: 'BAD_REQUEST',
      problems: [{ path: 'automation.kickoffIssue', message: expect.stringContaining('no such issue') }],
    });
    expect(okValue(await app.call('loadRecord'), z.object({ record: z.null() })).record).toBeNull();
  });
});

describe('restricted projects: the daily check does what the events would have done', () => {
  it('kicks off a kickoff issue already in its kickoff status, once, when no event came', async () => {
    const app = createForgeApp(jira);
    const kickoff = await createKickoffIssue(jira, 'Kickoff: restricted');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'restricted-kickoff',
          automation: { kickoffIssue: kickoff.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    await app.scheduled();
    expect(app.pending).toEqual([]);

    await transition(jira, kickoff, 'Kickoff', by); // Jira sends the app no event for it.
    await app.scheduled();
    expect(app.pending).toHaveLength(1);
    await app.drainQueue();
    expect((await issuesOf(jira, 'restricted-kickoff')).size).toBe(9);
    expect((await commentsOn(jira, kickoff.key)).map((c) => c.text)).toEqual([
      expect.stringContaining('Handoff provisioned'),
    ]);
    await app.scheduled();
    expect(app.pending).toEqual([]);
    expect(app.logs).toEqual([]);
  });

  it('does not start again a kickoff the event started, running or done', async () => {
    const app = createForgeApp(jira);
    const kickoff = await createKickoffIssue(jira, 'Kickoff: evented');
    okValue(
      await app.call('saveRecord', {
        record: exampleRecord('acme-onboarding', {
          id: 'evented-kickoff',
          automation: { kickoffIssue: kickoff.key, kickoffStatus: 'Kickoff' },
        }),
      }),
      z.unknown(),
    );
    await app.kickoff(await transition(jira, kickoff, 'Kickoff', by));
    expect(app.pending).toHaveLength(1);
    await app.scheduled();
    expect(app.pending).toHaveLength(1);
    await app.drainQueue();
    await app.scheduled();
    expect(app.pending).toEqual([]);
    expect((await issuesOf(jira, 'evented-kickoff')).size).toBe(9);
  });
});
