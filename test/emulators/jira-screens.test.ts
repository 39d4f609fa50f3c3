import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_VIEWER, SCREENS_PROJECT_KEY } from '../../emulators/jira/index';
import { at, createIssues, doc, startTestJira, taskFields, type TestJira } from './local-jira-harness';

let t: TestJira;
beforeAll(async () => {
  t = await startTestJira();
});
afterAll(() => t.close());

const OPS = SCREENS_PROJECT_KEY;
const opsFields = (type: string, overrides: Record<string, unknown> = {}) =>
  taskFields({ project: { key: OPS }, issuetype: { name: type }, ...overrides });

async function typeId(project: string, name: string): Promise<string> {
  const types = at((await t.call('GET', `/rest/api/3/issue/createmeta/${project}/issuetypes`)).body, 'issueTypes');
  const found = Array.isArray(types) ? types.find((type) => at(type, 'name') === name) : undefined;
  return String(at(found, 'id'));
}

async function createMeta(project: string, type: string, query = '') {
  return t.call('GET', `/rest/api/3/issue/createmeta/${project}/issuetypes/${await typeId(project, type)}${query}`);
}

const fieldIds = (body: unknown) => {
  const fields = at(body, 'fields');
  return Array.isArray(fields) ? fields.map((f) => [at(f, 'fieldId'), at(f, 'required')]) : [];
};

describe('create screens', () => {
  it('refuses a field that is not on the create screen with Jira’s sentence, in create and bulk create', async () => {
    const single = await t.call('POST', '/rest/api/3/issue', { fields: opsFields('Task', { duedate: '2027-01-12' }) });
    expect(single.status).toBe(400);
    expect(single.body).toEqual({
      errorMessages: [],
      errors: { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    const bulk = await t.call('POST', '/rest/api/3/issue/bulk', {
      issueUpdates: [{ fields: opsFields('Task') }, { fields: opsFields('Task', { duedate: '2027-01-12' }) }],
    });
    expect(bulk.status).toBe(201);
    expect(at(bulk.body, 'issues')).toHaveLength(1);
    expect(at(bulk.body, 'errors')).toEqual([
      {
        status: 400,
        failedElementNumber: 1,
        elementErrors: {
          errorMessages: [],
          errors: { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." },
        },
      },
    ]);
  });

  it('requires Epic Name on an OPS Epic, and takes it', async () => {
    const without = await t.call('POST', '/rest/api/3/issue', { fields: opsFields('Epic', { duedate: '2027-01-12' }) });
    expect(without.body).toEqual({ errorMessages: [], errors: { customfield_10011: 'Epic Name is required.' } });
    const named = await t.call('POST', '/rest/api/3/issue', {
      fields: opsFields('Epic', { customfield_10011: 'Acme rollout' }),
    });
    expect(named.status).toBe(201);
    // Epic Name is on OPS's Epic screen only: elsewhere it is a field like any unknown one.
    const elsewhere = await t.call('POST', '/rest/api/3/issue', { fields: taskFields({ customfield_10011: 'x' }) });
    expect(at(elsewhere.body, 'errors')).toEqual({
      customfield_10011: "Field 'customfield_10011' cannot be set. It is not on the appropriate screen, or unknown.",
    });
  });

  it('keeps DEL permissive: summary, description, labels, assignee, due date and parent', async () => {
    const [epic] = await createIssues(t, [{ fields: taskFields({ issuetype: { name: 'Epic' } }) }]);
    const [task] = await createIssues(t, [
      {
        fields: taskFields({
          description: doc('Why'),
          labels: ['handoff'],
          duedate: '2027-01-12',
          parent: { key: epic },
          assignee: null,
        }),
      },
    ]);
    expect(task).toMatch(/^DEL-/);
  });

  it('refuses a field that is not on the edit screen', async () => {
    const [task] = await createIssues(t, [{ fields: opsFields('Task') }]);
    expect((await t.call('PUT', `/rest/api/3/issue/${task}`, { fields: { duedate: '2027-01-12' } })).body).toEqual({
      errorMessages: [],
      errors: { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    expect((await t.call('PUT', `/rest/api/3/issue/${task}`, { fields: { summary: 'Renamed' } })).status).toBe(204);
  });
});

describe('createmeta for one issue type', () => {
  it('lists the create screen’s fields with name, key, fieldId, schema and required', async () => {
    const epic = await createMeta(OPS, 'Epic');
    expect(epic.status).toBe(200);
    expect(fieldIds(epic.body)).toEqual([
      ['issuetype', true],
      ['project', true],
      ['summary', true],
      ['description', false],
      ['assignee', false],
      ['duedate', false],
      ['labels', false],
      ['parent', false],
      ['fixVersions', false],
      ['customfield_10011', true],
    ]);
    expect(at(epic.body, 'fields', 9)).toEqual({
      fieldId: 'customfield_10011',
      key: 'customfield_10011',
      name: 'Epic Name',
      required: true,
      hasDefaultValue: false,
      operations: ['set'],
      schema: { type: 'string', custom: 'com.pyxis.greenhopper.jira:gh-epic-label', customId: 10011 },
    });
    expect(at(epic.body, 'fields', 5)).toMatchObject({ name: 'Due date', schema: { type: 'date', system: 'duedate' } });
    const task = await createMeta(OPS, 'Task');
    expect(fieldIds(task.body).map(([id]) => id)).not.toContain('duedate');
    expect(fieldIds((await createMeta('DEL', 'Task')).body).map(([id]) => id)).toContain('duedate');
  });

  it('pages with startAt and maxResults', async () => {
    const page = await createMeta(OPS, 'Epic', '?startAt=8&maxResults=5');
    expect(page.body).toMatchObject({ startAt: 8, maxResults: 5, total: 10 });
    expect(fieldIds(page.body)).toEqual([
      ['fixVersions', false],
      ['customfield_10011', true],
    ]);
  });

  it('answers 400 for a type the project does not have, and nothing to someone who may not create', async () => {
    expect((await t.call('GET', `/rest/api/3/issue/createmeta/${OPS}/issuetypes/1`)).status).toBe(400);
    const viewer = await t.call('GET', '/rest/api/3/issue/createmeta/DEL/issuetypes', undefined, LOCAL_VIEWER);
    expect(at(viewer.body, 'issueTypes')).toEqual([]);
  });
});

describe('transition screens', () => {
  async function transitions(key: string, expand = '?expand=transitions.fields') {
    const list = at((await t.call('GET', `/rest/api/3/issue/${key}/transitions${expand}`)).body, 'transitions');
    return Array.isArray(list) ? list : [];
  }

  it('shows the Done transition’s required Resolution and refuses the transition without it', async () => {
    const [key] = await createIssues(t, [{ fields: opsFields('Task') }]);
    const done = (await transitions(key ?? '')).find((tr) => at(tr, 'name') === 'Done');
    expect(done).toMatchObject({
      hasScreen: true,
      fields: { resolution: { required: true, name: 'Resolution', key: 'resolution', operations: ['set'] } },
    });
    expect(at(done, 'fields', 'resolution', 'allowedValues', 0)).toMatchObject({ id: '10000', name: 'Done' });
    const plain = (await transitions(key ?? '', '')).find((tr) => at(tr, 'name') === 'Done');
    expect(at(plain, 'fields')).toBeUndefined();

    const id = String(at(done, 'id'));
    const refused = await t.call('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: ['Field Resolution is required.'], errors: {} });
    const moved = await t.call('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id },
      fields: { resolution: { name: 'Done' } },
    });
    expect(moved.status).toBe(204);
    const issue = await t.call('GET', `/rest/api/3/issue/${key}?fields=status,resolution`);
    expect(at(issue.body, 'fields')).toMatchObject({ status: { name: 'Done' }, resolution: { name: 'Done' } });
  });

  it('takes no fields on a transition without a screen', async () => {
    const [key] = await createIssues(t, [{ fields: taskFields() }]);
    const done = (await transitions(key ?? '')).find((tr) => at(tr, 'name') === 'Done');
    expect(done).toMatchObject({ hasScreen: false, fields: {} });
    const refused = await t.call('POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: String(at(done, 'id')) },
      fields: { resolution: { name: 'Done' } },
    });
    expect(at(refused.body, 'errors')).toEqual({
      resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.",
    });
  });
});
