import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, createTask, startTestAsana, type TestAsana } from './local-asana-harness';

/** The local Asana's task page (`/0/0/<gid>`, `/0/<project>/<gid>`): what a person opens from a link Handoff wrote. */
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
});
