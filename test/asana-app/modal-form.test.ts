import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signatureOf } from '../../src/asana-app/signature';
import { aDealTask, CLIENT_SECRET, commentsOn, exampleText, provisionedTasks, useAsanaApp } from './support';

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

describe('Asana app server: what the browser on app.asana.com asks', () => {
  const rig = useAsanaApp();

  it('the CORS preflight from https://app.asana.com is allowed, with the signature header', async () => {
    const response = await fetch(`${rig().app.origin}/asana-app/typeahead/records`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.asana.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-asana-request-signature',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.asana.com');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-asana-request-signature');
  });

  it('the record typeahead, signed over its query string, finds stored records by id or title', async () => {
    await rig().app.records.save(exampleText('acme-onboarding'));
    await rig().app.records.save(exampleText('brightside-proofing'));
    const query = new URLSearchParams({
      workspace: '1200000000000000',
      user: '1200000000000002',
      query: 'logistics',
      expires_at: new Date(Date.now() + 10_000).toISOString(),
    }).toString();
    const signed = await fetch(`${rig().app.origin}/asana-app/typeahead/records?${query}`, {
      headers: { 'x-asana-request-signature': signatureOf(CLIENT_SECRET, query) },
    });
    expect(await signed.json()).toEqual({
      items: [{ title: 'Acme Logistics onboarding', subtitle: 'acme-onboarding-2026', value: 'acme-onboarding-2026' }],
    });
    // The same query with one parameter more than was signed is refused.
    const tampered = await fetch(`${rig().app.origin}/asana-app/typeahead/records?${query}&query=a`, {
      headers: { 'x-asana-request-signature': signatureOf(CLIENT_SECRET, query) },
    });
    expect(tampered.status).toBe(401);
  });
});
