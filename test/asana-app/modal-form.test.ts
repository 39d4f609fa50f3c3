import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { aDealTask, commentsOn, exampleText, provisionedTasks, useAsanaApp } from './support';

/** The local Asana's account of the submit: the app server answered 200 with the resource to attach to the task. */
const attached = z.object({
  body: z.object({ status: z.literal(200), body: z.object({ resource_name: z.string(), resource_url: z.url() }) }),
});

describe('Asana app server: the modal form behind a task\'s "Provision handoff…"', () => {
  const rig = useAsanaApp();

  it('a pasted record is stored, provisioned, commented on the task, and its page linked from the task', async () => {
    const { task } = await aDealTask(rig());
    const text = exampleText('brightside-proofing');
    expect(text.length).toBeLessThan(3000); // what App Components lets a multi-line field hold

    const submitted = attached.parse(await rig().admin('/modal-form', { task, values: { record_yaml: text } })).body;
    await rig().app.idle();

    expect(submitted.body.resource_name).toMatch(/^Handoff: /);
    const [comment] = await commentsOn(rig(), task);
    expect(comment).toMatch(/^Handoff provisioned\. /);
    const page = await fetch(submitted.body.resource_url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Handoff provisioned.');
    // The page opens only through the link the app signed: a guessed address shows nothing.
    const guessed = submitted.body.resource_url.replace(/sig=[0-9a-f]+/, `sig=${'0'.repeat(64)}`);
    expect((await fetch(guessed)).status).toBe(404);
  });

  it('an invalid pasted record is refused in the form with its first problem, and nothing is created', async () => {
    const { task } = await aDealTask(rig());
    const form = await rig().admin('/modal-form', { task, values: { record_yaml: 'version: 1\nid: Not An Id\n' } });
    await rig().app.idle();

    expect(form).toMatchObject({
      status: 200,
      body: { status: 400, body: { template: 'form_metadata_v0' } },
    });
    expect(JSON.stringify(form.body)).toMatch(/The record is not valid \(\d+ problems\); first: /);
    expect(rig().app.outcomes()).toEqual([]);
    expect(await commentsOn(rig(), task)).toEqual([]);
    expect(await provisionedTasks(rig(), 'not-an-id')).toEqual([]);
  });
});
