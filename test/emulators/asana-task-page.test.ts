import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createTask, gidOf, startTestAsana, type TestAsana } from './local-asana-harness';

/**
 * The local Asana's task page (`/0/0/<gid>`, `/0/<project>/<gid>`) and project page (`/0/<project>/list`):
 * what a person opens from a link Handoff wrote.
 */
let t: TestAsana;
beforeAll(async () => {
  t = await startTestAsana();
});
afterAll(() => t.close());

const open = async (path: string) => {
  const response = await fetch(`${t.asana.url.replace(/\/api\/1\.0$/, '')}${path}`);
  return { status: response.status, text: await response.text() };
};

describe('local Asana task page', () => {
  it('shows name, due date, project, notes and dependencies as links; text escaped, no script', async () => {
    const { project } = await createProject(t, 'Page <project>');
    const blocker = await createTask(t, project, { name: 'Azure <b>app</b>' });
    const task = await createTask(t, project, {
      name: '<script>alert(1)</script> SSO',
      notes: 'Tenant id & <i>app</i>',
      due_on: '2026-12-15',
    });
    expect((await t.call('POST', `/tasks/${task}/addDependencies`, { data: { dependencies: [blocker] } })).status).toBe(
      200,
    );
    const both = [await open(`/0/0/${task}`), await open(`/0/${project}/${task}`)];
    for (const page of both) {
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<script>');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; SSO');
      expect(page.text).toContain('Tenant id &amp; &lt;i&gt;app&lt;/i&gt;');
      expect(page.text).toContain('2026-12-15');
      expect(page.text).toContain('Page &lt;project&gt;');
      expect(page.text).toContain(`<a href="/0/0/${blocker}">Azure &lt;b&gt;app&lt;/b&gt;</a>`);
    }
    // The dependency's own page lists what it blocks, linked back.
    expect((await open(`/0/0/${blocker}`)).text).toContain(`<a href="/0/0/${task}">`);
    expect(await open('/0/0/999')).toMatchObject({ status: 404, text: expect.stringContaining('No task 999') });
  });

  it('the project page lists its tasks by section, each linked to its page, done ones marked; escaped', async () => {
    const { project } = await createProject(t, 'Handoff: <Acme>');
    const open1 = await createTask(t, project, { name: 'SSO <b>now</b>', due_on: '2026-12-15' });
    const done = await createTask(t, project, { name: 'Kickoff call', completed: true });
    const later = gidOf(await t.call('POST', `/projects/${project}/sections`, { data: { name: 'Pilot depot live' } }));
    const moved = await createTask(t, project, { name: 'Train the depot' });
    await t.call('POST', `/sections/${later}/addTask`, { data: { task: moved } });

    const page = await open(`/0/${project}/list`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Handoff: &lt;Acme&gt;</h1>');
    expect(page.text).toContain('Delivery'); // the team
    expect(page.text).toContain(`<a href="/0/0/${open1}">SSO &lt;b&gt;now&lt;/b&gt;</a>`);
    expect(page.text).toContain('2026-12-15');
    expect(page.text).toMatch(new RegExp(`<a href="/0/0/${done}">Kickoff call</a> ✔`));
    // Sections in order, each with its own tasks.
    const first = page.text.indexOf(`href="/0/0/${open1}"`);
    const pilot = page.text.indexOf('Pilot depot live (1)');
    expect(first).toBeGreaterThan(0);
    expect(pilot).toBeGreaterThan(first);
    expect(page.text.indexOf(`href="/0/0/${moved}"`)).toBeGreaterThan(pilot);
    // Its tasks' pages stay where they were, and a project that is not there says so.
    expect((await open(`/0/${project}/${open1}`)).status).toBe(200);
    expect(await open('/0/999/list')).toMatchObject({ status: 404, text: expect.stringContaining('No project 999') });
  });
});
