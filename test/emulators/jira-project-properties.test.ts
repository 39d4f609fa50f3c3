import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER } from '../../emulators/jira/index';
import { startTestJira, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

describe('project properties (where Handoff keeps its run claim)', () => {
  const path = '/rest/api/3/project/DEL/properties/handoff-claim-acme';

  it('sets (201, then 200), reads and deletes a property; a missing one is 404', async () => {
    expect((await t.call('GET', path)).status).toBe(404);
    expect((await t.call('PUT', path, { holder: 'a' })).status).toBe(201);
    expect((await t.call('PUT', path, { holder: 'b' })).status).toBe(200);
    expect((await t.call('GET', path)).body).toEqual({ key: 'handoff-claim-acme', value: { holder: 'b' } });
    expect((await t.call('DELETE', path)).status).toBe(204);
    expect((await t.call('DELETE', path)).status).toBe(404);
  });

  it('lets anyone who browses the project read it, but only a project administrator set or delete it', async () => {
    await t.call('PUT', path, { holder: 'admin' });
    expect((await t.call('GET', path, undefined, LOCAL_VIEWER)).status).toBe(200);
    expect((await t.call('PUT', path, { holder: 'viewer' }, LOCAL_VIEWER)).status).toBe(403);
    expect((await t.call('DELETE', path, undefined, LOCAL_VIEWER)).status).toBe(403);
    expect((await t.call('GET', path)).body).toMatchObject({ value: { holder: 'admin' } });
  });
});
