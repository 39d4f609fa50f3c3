import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM, DEMO_WORKSPACE } from '../../emulators/asana/index';
import { at, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

describe('PUT /projects/{project_gid} (where Handoff keeps its run claim, in the notes)', () => {
  it('changes only the fields given and answers the project', async () => {
    const created = await t.call('POST', '/projects', {
      data: {
        workspace: DEMO_WORKSPACE.gid,
        team: DEMO_TEAM.gid,
        name: 'Acme onboarding',
        notes: 'first',
        color: 'light-green',
      },
    });
    const gid = gidOf(created);
    const reply = await t.call('PUT', `/projects/${gid}?opt_fields=name,notes,color`, {
      data: { notes: 'first\nhandoff-claim: {}' },
    });
    expect(reply.status).toBe(200);
    expect(at(reply.body, 'data')).toMatchObject({
      gid,
      name: 'Acme onboarding',
      notes: 'first\nhandoff-claim: {}',
      color: 'light-green',
    });
    const read = await t.call('GET', `/projects/${gid}?opt_fields=notes`);
    expect(at(read.body, 'data', 'notes')).toBe('first\nhandoff-claim: {}');
  });

  it('answers 404 for a project that is not there', async () => {
    expect((await t.call('PUT', '/projects/1234567', { data: { notes: 'x' } })).status).toBe(404);
  });
});
