import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TEAM, DEMO_WORKSPACE, LOCAL_ASANA_OAUTH_TOKEN } from '../../emulators/asana/index';
import type { CreateRequest } from '../../src/provision/tracker';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { planWith } from '../contract/plan-fixture';
import { at, createProject, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana({ faults: { batchOrder: 'shuffled', seed: 7 } });
});
afterAll(() => t.close());
beforeEach(() => t.asana.faults.update({ batchOrder: 'shuffled', seed: 7 }));

const tracker = () =>
  createAsanaTracker({
    basePath: t.asana.url,
    token: LOCAL_ASANA_OAUTH_TOKEN,
    workspace: DEMO_WORKSPACE.gid,
    team: DEMO_TEAM.gid,
    tokenKind: 'oauth',
  });

/** The parent item of a fixture plan (the Asana project and its overview task), with the groups given. */
function parentOf(id: string, groups: string[]): CreateRequest {
  const plan = planWith({ id, items: 12, links: 4, target: 'asana' });
  const item = plan.items.find((i) => i.kind === 'parent');
  if (!item) throw new Error('the plan has no parent');
  const property = { recordId: plan.recordId, itemId: item.itemId, planHash: plan.hash };
  return { item, property, assigneeAccount: null, parentKey: null, groups };
}

/** The part of the local Asana's stored state this test edits; everything else is kept as stored. */
const storedState = z
  .object({
    tasks: z.array(
      z.object({ memberships: z.array(z.object({ projectGid: z.string(), sectionGid: z.string() })) }).loose(),
    ),
    sections: z.array(z.object({ gid: z.string(), projectGid: z.string() }).loose()),
  })
  .loose();

const names = async (path: string) => dataList(await t.call('GET', path)).map((s) => String(at(s, 'name')));

describe('Asana Batch API: "no guarantee of the execution order" (batchOrder: shuffled)', () => {
  it('runs the actions in another order than listed, and still answers them in the listed order', async () => {
    const { project } = await createProject(t, 'Shuffled');
    const listed = Array.from({ length: 10 }, (_, i) => `S${i + 1}`);
    const reply = await t.call('POST', '/batch', {
      data: {
        actions: listed.map((name) => ({
          method: 'post',
          relative_path: `/projects/${project}/sections`,
          data: { name },
        })),
      },
    });
    const answered = dataList(reply).map((r) => String(at(r, 'body', 'data', 'name')));
    expect(answered).toEqual(listed);
    const made = (await names(`/projects/${project}/sections`)).slice(1);
    expect(made).not.toEqual(listed);
    expect([...made].sort()).toEqual([...listed].sort());
  });
});

describe('Asana sections beyond a batch of 10: any number, in plan order, under shuffled batches', () => {
  it('twelve milestones give twelve sections in order, and the overview task on top', async () => {
    const groups = Array.from({ length: 12 }, (_, i) => `Milestone ${String(i + 1).padStart(2, '0')}`);
    const [outcome] = await tracker().createItems([parentOf('sections-twelve', groups)]);
    if (!outcome?.ok) throw new Error(`parent not made: ${JSON.stringify(outcome)}`);
    expect(await names(`/projects/${outcome.key}/sections`)).toEqual(['Untitled section', ...groups]);
    const tasks = await names(`/projects/${outcome.key}/tasks`);
    expect(tasks[0]).toMatch(/^About this handoff/);
  });

  it('a project that has some of the sections gets the missing ones in their places, no twins', async () => {
    const groups = ['A', 'B', 'C', 'D'];
    const { project } = await createProject(t, 'Adopted');
    await t.call('POST', `/projects/${project}/sections`, { data: { name: 'C' } });
    const adopting = createAsanaTracker({
      basePath: t.asana.url,
      token: LOCAL_ASANA_OAUTH_TOKEN,
      workspace: DEMO_WORKSPACE.gid,
      team: DEMO_TEAM.gid,
      tokenKind: 'oauth',
      project,
    });
    const [outcome] = await adopting.createItems([parentOf('sections-adopted', groups)]);
    expect(outcome?.ok).toBe(true);
    expect(await names(`/projects/${project}/sections`)).toEqual(['Untitled section', 'A', 'B', 'C', 'D']);
  });
});

describe('a multi-homed overview task (its first project a foreign one)', () => {
  it('still leads to the record project, chosen by the record id', async () => {
    const parent = parentOf('multi-homed', ['Kick-off']);
    const [outcome] = await tracker().createItems([parent]);
    if (!outcome?.ok) throw new Error(`parent not made: ${JSON.stringify(outcome)}`);
    const foreign = gidOf(
      await t.call('POST', '/projects', {
        data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'Someone else [other-record]' },
      }),
    );
    // The local Asana has no addProject: a person multi-homing the task in the web app is
    // stood in for by putting the foreign project first in the stored task's memberships.
    const file = join(t.dataDir, 'asana.json');
    const state = storedState.parse(JSON.parse(readFileSync(file, 'utf8')));
    const overview = state.tasks.find((task) => task.memberships.some((m) => m.projectGid === outcome.key));
    const foreignSection = state.sections.find((s) => s.projectGid === foreign);
    if (!overview || !foreignSection) throw new Error('no overview task or foreign section in the stored state');
    overview.memberships.unshift({ projectGid: foreign, sectionGid: foreignSection.gid });
    writeFileSync(file, JSON.stringify(state));

    const found = await tracker().searchItems(parent.property.recordId);
    expect(found.items.map((i) => i.key)).toEqual([outcome.key]);
  });
});
