import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { toPlainText } from '../domain/rich-text';
import type { JobOutcome } from './provision-job';
import type { RecordStore } from './record-store';
import { signatureOf, signedBy } from './signature';

/**
 * The page a modal form's attachment links to: the record's title and what its last run said.
 * No Asana sign-in reaches the app server, so the link carries its own signature (HMAC of the
 * record id with the client secret): only a link the app handed out opens the page, and a
 * guessed record id shows nothing.
 */
export function recordPages(options: { base: string; clientSecret: string; dataDir: string; records: RecordStore }) {
  const dir = join(options.dataDir, 'outcomes');
  const fileOf = (id: string) => join(dir, `${id}.json`);
  const proof = (id: string) => signatureOf(options.clientSecret, `record-page:${id}`);

  const routes = new Hono();
  routes.get('/:id', async (c) => {
    const id = c.req.param('id');
    const stored = await options.records.get(id);
    if (!stored || !signedBy(options.clientSecret, `record-page:${id}`, c.req.query('sig')))
      return c.html(
        html`<!doctype html><title>Not found</title>
          <p>No such handoff record.</p>`,
        404,
      );
    const last = await readFile(fileOf(id), 'utf8').catch(() => null);
    const said = last === null ? 'No run has finished yet.' : toPlainText(JSON.parse(last).story);
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <title>${stored.title} · Handoff</title>
          </head>
          <body style="font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto">
            <h1>${stored.title}</h1>
            <p>Record <code>${stored.id}</code>. The last run said:</p>
            <pre style="white-space: pre-wrap">${said}</pre>
          </body>
        </html>`,
    );
  });

  return {
    routes,
    /** The page's signed address. */
    url: (id: string) => `${options.base}/records/${encodeURIComponent(id)}?sig=${proof(id)}`,
    /** Keeps a job's outcome as the record's last. */
    async keep(outcome: JobOutcome): Promise<void> {
      await mkdir(dir, { recursive: true });
      const temporary = `${fileOf(outcome.recordId)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(outcome));
      await rename(temporary, fileOf(outcome.recordId));
    },
  };
}
