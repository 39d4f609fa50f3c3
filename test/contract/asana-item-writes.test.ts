import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_PAT,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { paragraph, text } from '../../src/domain/rich-text';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy } from '../../src/provision/retry';
import type { ExistingItem } from '../../src/provision/tracker';
import { TrackerError } from '../../src/provision/tracker-error';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { faultyProxy, type SeenRequest } from '../support/faulty-proxy';
import { ASSIGNEES, planWith } from './plan-fixture';

type Write = 'comment' | 'move' | 'fields';
type Fault = { write: Write; when: 'before' | 'after' };

/** Which of an update's writes a POST /batch is, by its one action. */
function writeOf(request: SeenRequest): Write | null {
  const action = z
    .object({ data: z.object({ actions: z.array(z.object({ method: z.string(), relative_path: z.string() })) }) })
    .safeParse(request.body).data?.data.actions[0];
  if (request.path !== '/batch' || !action) return null;
  if (action.relative_path.endsWith('/stories')) return 'comment';
  if (action.relative_path.endsWith('/addTask')) return 'move';
  return action.method === 'put' ? 'fields' : null;
}

/**
 * Asana runs a batch's actions in no order and not atomically (the local Asana shuffles them
 * by default), so the adapter sends an update's comment, section move and field change as
 * separate requests, the comment first. Each is failed in turn here — before Asana saw it,
 * or after it took effect with the answer lost — through a proxy aimed at exactly that request.
 */
describe('Asana batches are unordered and not atomic: a changed field always has its comment', () => {
  let local: LocalAsana;
  let proxy: Awaited<ReturnType<typeof faultyProxy>>;
  let armed: Fault | null = null;
  let items: ExistingItem[] = [];
  const rest = async (path: string) => {
    const response = await fetch(`${local.url}${path}`, { headers: { authorization: `Bearer ${LOCAL_ASANA_PAT}` } });
    const body: unknown = await response.json();
    return body;
  };
  const tracker = () =>
    createAsanaTracker({
      basePath: proxy.url,
      token: LOCAL_ASANA_PAT,
      workspace: DEMO_WORKSPACE.gid,
      team: DEMO_TEAM.gid,
      tokenKind: 'pat',
    });

  beforeAll(async () => {
    local = await startLocalAsana({
      dataDir: mkdtempSync(join(tmpdir(), 'handoff-asana-writes-')),
      fresh: true,
      validate: 'strict',
    });
    proxy = await faultyProxy(local.url, (request) => {
      if (!armed || writeOf(request) !== armed.write) return null;
      const { when } = armed;
      armed = null;
      return when;
    });
    for (const user of ASSIGNEES)
      await fetch(`${local.url}/workspaces/${DEMO_WORKSPACE.gid}/addUser`, {
        method: 'POST',
        headers: { authorization: `Bearer ${LOCAL_ASANA_PAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { user } }),
      });
    const plan = planWith({ id: 'writes', items: 8, links: 0, target: 'asana' });
    const provisioning = tracker();
    const policy = defaultRetryPolicy;
    const accounts = await lookUpPeople(provisioning, assigneesOf(plan), policy);
    await applyPlan(plan, provisioning, { accounts, policy });
    items = (await provisioning.searchItems('writes')).items.filter((i) => i.itemId.includes('/promise/'));
  });
  afterAll(async () => {
    await proxy.close();
    const violations = local.violations();
    await local.close();
    expect(violations).toEqual([]);
  });

  /** The task as Asana holds it: due date, sections, and its comments. */
  const held = async (task: string) => {
    const fields = z
      .object({ data: z.object({ due_on: z.string().nullable(), memberships: z.array(z.unknown()) }) })
      .parse(await rest(`/tasks/${task}?opt_fields=due_on,memberships.section.name`)).data;
    const stories = z
      .object({ data: z.array(z.object({ resource_subtype: z.string(), text: z.string() })) })
      .parse(await rest(`/tasks/${task}/stories?opt_fields=resource_subtype,text`)).data;
    return {
      due: fields.due_on,
      descoped: JSON.stringify(fields.memberships).includes('"Descoped"'),
      comments: stories.filter((s) => s.resource_subtype === 'comment_added').map((s) => s.text),
    };
  };

  const faults: Fault[] = (['comment', 'move', 'fields'] as const).flatMap((write) =>
    (['before', 'after'] as const).map((when) => ({ write, when })),
  );
  it.each(faults.map((fault, i) => ({ ...fault, i })))(
    'the $write request failing ($when Asana acted) leaves no change without its comment; a re-run ends with one',
    async ({ write, when, i }) => {
      const item = items[i];
      if (!item) throw new Error('the fixture has too few promises');
      const comment = [paragraph(text(`Descoped by change request ${i}, due moved.`))];
      const update = { key: item.key, due: '2027-09-30', descoped: true, comment };
      const before = await held(item.key);

      armed = { write, when };
      await expect(tracker().updateItem(update)).rejects.toBeInstanceOf(TrackerError);
      expect(armed, 'the fault was met').toBeNull();
      const stopped = await held(item.key);
      const changed = stopped.due !== before.due || stopped.descoped !== before.descoped;
      if (changed) expect(stopped.comments, 'a change made has its comment').toHaveLength(1);
      if (write === 'comment' && when === 'before') expect(changed).toBe(false);

      // The re-run: a new process (a new tracker) sends the same update, as the use case works it out.
      await tracker().updateItem(update);
      const done = await held(item.key);
      expect(done.due).toBe('2027-09-30');
      expect(done.descoped).toBe(true);
      expect(done.comments).toEqual([`Descoped by change request ${i}, due moved.`]);
    },
  );

  it('posts the same comment again once another one came after it (a later change says the same)', async () => {
    const item = items[6];
    if (!item) throw new Error('the fixture has too few promises');
    const say = (words: string) => [paragraph(text(words))];
    await tracker().updateItem({ key: item.key, due: '2027-10-01', comment: say('Moved.') });
    await tracker().comment(item.key, say('Someone else.'));
    await tracker().updateItem({ key: item.key, due: '2027-10-02', comment: say('Moved.') });
    expect((await held(item.key)).comments).toEqual(['Moved.', 'Someone else.', 'Moved.']);
  });
});
