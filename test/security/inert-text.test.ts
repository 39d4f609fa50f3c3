import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import { validateRecord } from '../../src/domain/record/read-record';
import type { HandoffRecord } from '../../src/domain/record/record';
import { renderSummary } from '../../src/domain/summary';
import { blockersComment } from '../../src/forge/jira/comments';
import {
  DEMO_TEAM,
  DEMO_WORKSPACE,
  LOCAL_ASANA_OAUTH_TOKEN,
  startLocalAsana,
  type LocalAsana,
} from '../../emulators/asana/index';
import { LOCAL_ADMIN, startLocalJira, type LocalJira } from '../../emulators/jira/index';
import { applyPlan } from '../../src/provision/engine';
import { assigneesOf, lookUpPeople } from '../../src/provision/people-directory';
import { defaultRetryPolicy } from '../../src/provision/retry';
import type { Tracker } from '../../src/provision/change-tracker';
import { notesFor } from '../../src/trackers/asana/asana-notes';
import { createAsanaTracker } from '../../src/trackers/asana/asana-tracker';
import { descriptionToAdf } from '../../src/trackers/jira/adf';
import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';
import { basicAuthRequest } from '../../src/trackers/jira/jira-request';
import {
  aDeal,
  aDependency,
  anException,
  anExcludedPromise,
  aPromise,
  aRecord,
  type RecordInput,
} from '../builders/record';
import { AUTOLINK, fullRecord, HOSTILE, IMG, MD_LINK, SCRIPT, setAt, textFields, withTexts } from './support/hostile';

/**
 * HTML, script, `javascript:` links and Markdown or ADF look-alikes in every text field come out
 * of every renderer as the same letters: ADF text nodes (links only to the record's http(s)
 * URLs), Asana plain-text notes, and a summary whose Markdown no renderer turns into a link or a tag.
 */

const TODAY = '2026-12-01';

function parse(input: unknown): HandoffRecord {
  const result = validateRecord(input);
  if (!result.ok) throw new Error(`not valid: ${JSON.stringify(result.problems.slice(0, 3))}`);
  return result.value;
}

/** Every text field of a full record holds HOSTILE. */
const hostileFull = parse(withTexts(fullRecord(), textFields(fullRecord()), () => HOSTILE));
/** A record that gates go, with every text field hostile: what a tracker really receives. */
const goInput: RecordInput = aRecord({
  id: 'inert-text',
  promises: [aPromise({ detail: 'x' }), anExcludedPromise()],
  dependencies: [aDependency({ detail: 'x' })],
});
const hostileGo = parse(withTexts(goInput, textFields(goInput), () => HOSTILE));

// ---- ADF ---------------------------------------------------------------------------------

const adfText = z
  .object({
    type: z.literal('text'),
    text: z.string(),
    marks: z
      .array(
        z.union([
          z.strictObject({ type: z.literal('strong') }),
          z.strictObject({ type: z.literal('link'), attrs: z.strictObject({ href: z.string() }) }),
        ]),
      )
      .optional(),
  })
  .strict();
type AdfNode = { type: string; content?: AdfNode[]; attrs?: unknown };
const adfNode: z.ZodType<AdfNode> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['doc', 'paragraph', 'heading', 'bulletList', 'listItem']),
    version: z.literal(1).optional(),
    attrs: z.strictObject({ level: z.number() }).optional(),
    content: z.array(z.union([adfNode, adfText])).optional(),
  }),
);

/** The text and the link targets of an ADF document, which must have no node or mark beyond these few. */
function readAdf(doc: unknown): { text: string; hrefs: string[]; skeleton: string } {
  adfNode.parse(doc);
  const texts: string[] = [];
  const hrefs: string[] = [];
  const skeleton = JSON.stringify(doc, (key, value: unknown) => {
    const node = adfText.safeParse(value);
    if (node.success) {
      texts.push(node.data.text);
      for (const mark of node.data.marks ?? []) if (mark.type === 'link') hrefs.push(mark.attrs.href);
      return { type: 'text', marks: node.data.marks?.map((m) => m.type) };
    }
    return value;
  });
  return { text: texts.join(''), hrefs, skeleton };
}

function expectInertAdf(doc: unknown, allowedHrefs: ReadonlySet<string>): string {
  const { text, hrefs, skeleton } = readAdf(doc);
  for (const href of hrefs) {
    expect(href).toMatch(/^https?:\/\//);
    expect(allowedHrefs, href).toContain(href);
  }
  // Outside text nodes there is nothing of the record's text at all.
  for (const piece of ['<', 'javascript', 'onerror', 'alert']) expect(skeleton).not.toContain(piece);
  return text;
}

const recordUrls = (record: HandoffRecord) =>
  new Set((record.promises ?? []).flatMap((p) => (p.source?.url ? [p.source.url] : [])));

describe('URLs: only http(s) links are accepted, in every URL field', () => {
  const URL_FIELDS = [
    ['promises', 0, 'source', 'url'],
    ['deal', 'documents', 0, 'url'],
    ['exceptions', 0, 'record'],
    ['links', 0, 'url'],
  ];
  const BAD = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example.com/x',
    '//evil.example/x',
    '/relative/path',
    'mailto:a@b.example',
    '',
  ];

  it.each(URL_FIELDS.map((path) => [path.join('.'), path] as const))(
    '%s refuses every non-http(s) URL at its path',
    (_, path) => {
      for (const bad of BAD) {
        const result = validateRecord(setAt(fullRecord(), path, bad));
        expect(result.ok, `${JSON.stringify(bad)} was accepted`).toBe(false);
        if (!result.ok)
          expect(result.problems.map((p) => p.path)).toContain(path.join('.').replace(/\.(\d+)/g, '[$1]'));
      }
      expect(validateRecord(setAt(fullRecord(), path, 'https://docs.example.com/ok')).ok).toBe(true);
    },
  );
});

describe('Jira descriptions as ADF', () => {
  it("every item of the plan: hostile text only inside text nodes, links only to the record's own http(s) URLs", () => {
    const plan = buildPlan(hostileFull, { target: 'jira' });
    expect(plan.items.length).toBeGreaterThanOrEqual(5);
    for (const item of plan.items) {
      const text = expectInertAdf(descriptionToAdf(item.description), recordUrls(hostileFull));
      // The literal characters survive, so a reader sees exactly what was typed.
      if (item.description.detail) expect(text).toContain(`${SCRIPT} ${IMG} ${MD_LINK} ${AUTOLINK}`);
    }
  });

  it('a kickoff comment listing blockers quotes the title as text', () => {
    const comment = blockersComment(HOSTILE, [
      { path: 'promises[0].owner', message: `promise "${HOSTILE}" has no owner` },
    ]);
    expect(expectInertAdf(comment, new Set())).toContain(SCRIPT);
  });
});

describe('Asana notes', () => {
  it('are plain text carrying the hostile text literally, with URLs written out rather than linked', () => {
    const plan = buildPlan(hostileFull, { target: 'asana' });
    for (const item of plan.items) {
      const notes = notesFor(item.description, { recordId: plan.recordId, itemId: item.itemId, planHash: plan.hash });
      // Text fields are trimmed, so the trailing vertical tab of HOSTILE goes.
      if (item.description.detail) expect(notes.startsWith(HOSTILE.trim())).toBe(true);
      expect(notes).not.toMatch(/<a\s|<body>/);
    }
  });
});

// ---- the five-minute summary ---------------------------------------------------------------

/** What a careless renderer does: raw HTML on, every link scheme allowed, bare URLs linked. */
const careless = new MarkdownIt({ html: true, linkify: true });
careless.validateLink = () => true;
/** The panel's renderer (static/panel/src/summary/SummaryView.tsx). */
const panel = new MarkdownIt({ html: false, linkify: false });

const TAGS = new Set([
  'h1',
  'h2',
  'p',
  'strong',
  'em',
  'code',
  'ul',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
  'br',
]);

function rendered(html: string) {
  const tags = [...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => (m[1] ?? '').toLowerCase());
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return { tags, hrefs, text };
}

function expectInertMarkdown(markdown: string): void {
  for (const renderer of [careless, panel]) {
    const { tags, hrefs, text } = rendered(renderer.render(markdown));
    for (const tag of tags) expect(TAGS, `<${tag}> in the rendered summary`).toContain(tag);
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    expect(text).toContain(SCRIPT);
    expect(text).toContain(IMG);
    expect(text).toContain(MD_LINK);
    expect(text).toContain(AUTOLINK);
  }
}

describe('the five-minute summary (Markdown)', () => {
  const noLinkOrTag =
    "no field can make a link, an autolink, an image or an HTML tag — in the panel's renderer or a careless one";
  it(noLinkOrTag, () => {
    const markdown = renderSummary(hostileFull, { today: TODAY });
    expect(markdown).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(markdown).not.toMatch(/(?<!\\)<(script|img|javascript)/);
    expectInertMarkdown(markdown);
  });

  const linkCannotEndEarly =
    "a link's URL cannot end early and start a javascript: link of its own " +
    '(it could: `https://x.example/a)[y](javascript:…)` is a valid http URL)';
  it(linkCannotEndEarly, () => {
    const crafted = 'https://docs.example.com/a)[y](javascript:alert(3)';
    const breakout = parse(
      aRecord({
        deal: aDeal({ documents: [{ kind: 'sow', url: crafted, title: 'SOW' }] }),
        exceptions: [anException({ record: 'https://crm.example.com/[z](javascript:alert(4))' })],
      }),
    );
    const markdown = renderSummary(breakout, { today: TODAY });
    for (const renderer of [careless, panel]) {
      const { hrefs } = rendered(renderer.render(markdown));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    }
    expect(rendered(careless.render(markdown)).hrefs).toContain(
      'https://docs.example.com/a%29%5By%5D%28javascript:alert%283%29',
    );
  });

  const ordinaryText =
    'ordinary text still reads as before: the Acme-like record has no backslashes where there is nothing to escape';
  it(ordinaryText, () => {
    const markdown = renderSummary(parse(aRecord()), { today: TODAY });
    expect(markdown).toContain('# Globex fleet tracking rollout');
    expect(markdown).not.toContain('\\');
  });
});

// ---- what the trackers really store -----------------------------------------------------

async function provision(tracker: Tracker, plan: Plan) {
  const accounts = await lookUpPeople(tracker, assigneesOf(plan), defaultRetryPolicy);
  const report = await applyPlan(plan, tracker, { accounts });
  expect(report.failed).toEqual([]);
  return report;
}

describe('what the trackers store, read back through their REST APIs', () => {
  let jira: LocalJira;
  let asana: LocalAsana;
  beforeAll(async () => {
    [jira, asana] = await Promise.all([
      startLocalJira({ dataDir: mkdtempSync(join(tmpdir(), 'handoff-inert-jira-')), fresh: true, validate: 'strict' }),
      startLocalAsana({
        dataDir: mkdtempSync(join(tmpdir(), 'handoff-inert-asana-')),
        fresh: true,
        validate: 'strict',
      }),
    ]);
  });
  afterAll(async () => {
    expect(jira.violations()).toEqual([]);
    expect(asana.violations()).toEqual([]);
    await Promise.all([jira.close(), asana.close()]);
  });

  it("Jira: each issue's summary is the literal text and its description ADF is inert", async () => {
    const tracker = createJiraTracker({
      request: basicAuthRequest({ baseUrl: jira.url, email: LOCAL_ADMIN.email, apiToken: LOCAL_ADMIN.apiToken }),
      projectKey: 'DEL',
      siteUrl: jira.url,
    });
    const plan = buildPlan(hostileGo, { target: 'jira' });
    const report = await provision(tracker, plan);
    const authorization = `Basic ${Buffer.from(`${LOCAL_ADMIN.email}:${LOCAL_ADMIN.apiToken}`).toString('base64')}`;
    for (const { itemId, key } of report.created) {
      const response = await fetch(`${jira.url}/rest/api/3/issue/${key}?fields=summary,description`, {
        headers: { authorization },
      });
      const issue = z
        .object({ fields: z.object({ summary: z.string(), description: z.unknown() }) })
        .parse(await response.json());
      expect(issue.fields.summary).toBe(plan.items.find((i) => i.itemId === itemId)?.summary);
      expectInertAdf(issue.fields.description, recordUrls(hostileGo));
    }
    expect(report.created.length).toBe(plan.items.length);
  });

  it("Asana: tasks carry the text in plain `notes`; Asana's rich twin shows it escaped", async () => {
    const tracker = createAsanaTracker({
      basePath: asana.url,
      token: LOCAL_ASANA_OAUTH_TOKEN,
      workspace: DEMO_WORKSPACE.gid,
      team: DEMO_TEAM.gid,
      tokenKind: 'oauth',
    });
    const plan = buildPlan(hostileGo, { target: 'asana' });
    const report = await provision(tracker, plan);
    const task = z.object({ data: z.object({ name: z.string(), notes: z.string(), html_notes: z.string() }) });
    // The parent is the project itself; the other items are tasks.
    const withDetail = report.created.filter(
      (c) => plan.items.find((i) => i.itemId === c.itemId && i.kind !== 'parent')?.description.detail,
    );
    expect(withDetail.length).toBeGreaterThan(0);
    for (const { key } of withDetail) {
      const response = await fetch(`${asana.url}/tasks/${key}?opt_fields=name,notes,html_notes`, {
        headers: { authorization: `Bearer ${LOCAL_ASANA_OAUTH_TOKEN}` },
      });
      const { data } = task.parse(await response.json());
      expect(data.notes.startsWith(HOSTILE.trim())).toBe(true);
      expect(data.html_notes).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(data.html_notes).not.toMatch(/<(script|img|a)\b/);
    }
  });
});
