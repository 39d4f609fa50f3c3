import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OUTSIDER,
  OTHER_WORKSPACE,
  SALES_TEAM,
} from '../../emulators/asana/index';
import { at, dataList, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

const compactTeam = (team: { gid: string; name: string }) => ({ ...team, resource_type: 'team' });

describe('Asana organizations: the demo workspace is one, and a project there needs a team', () => {
  let t: TestAsana;
  beforeAll(async () => {
    t = await startTestAsana();
  });
  afterAll(() => t.close());

  it('shows the workspace as an organization, its teams, and the caller’s own teams', async () => {
    expect(at((await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}`)).body, 'data', 'is_organization')).toBe(true);
    expect(dataList(await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/teams`))).toEqual([
      compactTeam(DEMO_TEAM),
      compactTeam(SALES_TEAM),
    ]);
    // The admin is in Delivery only: Sales is the team "the user is not in".
    const mine = await t.call('GET', `/users/me/teams?organization=${DEMO_WORKSPACE.gid}`);
    expect(dataList(mine)).toEqual([compactTeam(DEMO_TEAM)]);
    expect(at((await t.call('GET', `/teams/${SALES_TEAM.gid}`)).body, 'data')).toMatchObject({
      name: 'Sales',
      organization: { gid: DEMO_WORKSPACE.gid, resource_type: 'workspace', name: 'Handoff Demo' },
      visibility: 'public',
    });
    expect((await t.call('GET', '/teams/1')).status).toBe(404);
  });

  it('refuses POST /projects without a team, with Asana’s message (400), and makes it with one', async () => {
    const refused = await t.call('POST', '/projects', { data: { workspace: DEMO_WORKSPACE.gid, name: 'No team' } });
    expect(refused.status).toBe(400);
    expect(at(refused.body, 'errors', 0, 'message')).toBe('Missing required `team` field');
    const inPath = await t.call('POST', `/workspaces/${DEMO_WORKSPACE.gid}/projects`, { data: { name: 'Also none' } });
    expect(inPath.status).toBe(400);

    const made = await t.call('POST', '/projects', {
      data: { workspace: DEMO_WORKSPACE.gid, team: DEMO_TEAM.gid, name: 'With a team' },
    });
    expect(made.status).toBe(201);
    expect(at(made.body, 'data', 'team')).toEqual(compactTeam(DEMO_TEAM));
  });

  it('makes a project shared with the team with POST /teams/{team_gid}/projects', async () => {
    const made = await t.call('POST', `/teams/${DEMO_TEAM.gid}/projects`, { data: { name: 'For the team' } });
    expect(made.status).toBe(201);
    const project = gidOf(made);
    expect(at((await t.call('GET', `/projects/${project}?opt_fields=team.name,workspace`)).body, 'data')).toEqual({
      gid: project,
      team: { gid: DEMO_TEAM.gid, name: 'Delivery' },
      workspace: { gid: DEMO_WORKSPACE.gid, resource_type: 'workspace' },
    });
    // Someone outside the organization may not add to its teams.
    const outsider = await t.call(
      'POST',
      `/teams/${DEMO_TEAM.gid}/projects`,
      { data: { name: 'Not mine' } },
      LOCAL_ASANA_OUTSIDER.oauthToken,
    );
    expect(outsider.status).toBe(403);
  });

  it('answers task search in a premium workspace, and 402 in a free one (how a client tells the tier)', async () => {
    expect((await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/tasks/search?limit=1`)).status).toBe(200);
    const free = await t.call(
      'GET',
      `/workspaces/${OTHER_WORKSPACE.gid}/tasks/search`,
      undefined,
      LOCAL_ASANA_OUTSIDER.oauthToken,
    );
    expect(free.status).toBe(402);
    expect(at(free.body, 'errors', 0, 'message')).toBe('Search is only available to premium users.');
  });
});

describe('demoWorkspace: workspace — the plain workspace, kept as an option', () => {
  let t: TestAsana;
  beforeAll(async () => {
    t = await startTestAsana({ demoWorkspace: 'workspace' });
  });
  afterAll(() => t.close());

  it('is no organization, has no teams, and takes POST /projects without one', async () => {
    expect(at((await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}`)).body, 'data', 'is_organization')).toBe(false);
    expect(dataList(await t.call('GET', `/workspaces/${DEMO_WORKSPACE.gid}/teams`))).toEqual([]);
    const made = await t.call('POST', '/projects', { data: { workspace: DEMO_WORKSPACE.gid, name: 'Plain' } });
    expect(made.status).toBe(201);
    expect(at(made.body, 'data', 'team')).toBeUndefined();
    expect(t.asana.demoTeam()).toBeUndefined();
  });
});
