import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER } from '../../emulators/jira/index';
import { at, createIssues, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

describe('project metadata', () => {
  it('describes DEL, its create metadata and its issue types', async () => {
    const project = await t.call('GET', '/rest/api/3/project/DEL');
    expect(project.body).toMatchObject({ key: 'DEL', name: 'Delivery', lead: { emailAddress: 'admin@handoff.local' } });
    const meta = await t.call('GET', '/rest/api/3/issue/createmeta/DEL/issuetypes');
    const types = at(meta.body, 'issueTypes');
    expect(
      Array.isArray(types) && types.map((type) => [at(type, 'name'), at(type, 'subtask'), at(type, 'hierarchyLevel')]),
    ).toEqual([
      ['Epic', false, 1],
      ['Task', false, 0],
      ['Sub-task', true, -1],
    ]);
    const byProject = await t.call('GET', `/rest/api/3/issuetype/project?projectId=${String(at(project.body, 'id'))}`);
    expect(Array.isArray(byProject.body) && byProject.body.length).toBe(3);
    expect((await t.call('GET', '/rest/api/3/project/NOPE')).body).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
  });
});

describe('versions, the app’s milestones', () => {
  it('carries fixVersions of the project, created through POST /version', async () => {
    const version = await t.call('POST', '/rest/api/3/version', {
      name: 'Pilot depot live',
      project: 'DEL',
      releaseDate: '2026-12-28',
    });
    expect(version.status).toBe(201);
    expect(at(version.body, 'releaseDate')).toBe('2026-12-28');
    const duplicate = await t.call('POST', '/rest/api/3/version', { name: 'Pilot depot live', project: 'DEL' });
    expect(at(duplicate.body, 'errors', 'name')).toBe('A version with this name already exists in this project.');
    const versions = await t.call('GET', '/rest/api/3/project/DEL/versions');
    expect(Array.isArray(versions.body) && versions.body.map((v) => at(v, 'name'))).toEqual(['Pilot depot live']);
    const [key] = await createIssues(t, [{ fields: taskFields({ fixVersions: [{ name: 'Pilot depot live' }] }) }]);
    expect(
      at((await t.call('GET', `/rest/api/3/issue/${key}?fields=fixVersions`)).body, 'fields', 'fixVersions', 0, 'id'),
    ).toBe(at(version.body, 'id'));
    const unknown = await t.call('POST', '/rest/api/3/issue', { fields: taskFields({ fixVersions: [{ id: '1' }] }) });
    expect(at(unknown.body, 'errors', 'fixVersions')).toBe("Version id '1' is not valid");
  });

  it('lets only project administrators create versions', async () => {
    const reply = await t.call('POST', '/rest/api/3/version', { name: 'Rollout', project: 'DEL' }, LOCAL_VIEWER);
    expect(reply.status).toBe(404);
  });
});
