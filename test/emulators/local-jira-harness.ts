import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { specFile } from '../../emulators/common/repo-paths';
import { LOCAL_ADMIN, startLocalJira, type LocalJira, type LocalJiraOptions } from '../../emulators/jira/index';

/** The official Jira spec, vendored in emulators/specs. */
export const jiraSpecFile = specFile('jira-platform.v3.json');

export type Credentials = { email: string; apiToken: string };
export type Reply = { status: number; headers: Headers; body: unknown; text: string };

/** A started emulator in a temp data dir, strict about the spec, and a client for it. */
export type TestJira = {
  jira: LocalJira;
  dataDir: string;
  /** Calls the site as `who` (the admin by default); JSON in, JSON (or text) out. */
  call(method: string, path: string, body?: unknown, who?: Credentials | null): Promise<Reply>;
  /** Fails the test if the emulator broke the spec anywhere, then stops it. */
  close(): Promise<void>;
};

export async function startTestJira(options: LocalJiraOptions = {}): Promise<TestJira> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-jira-'));
  const jira = await startLocalJira({
    validate: 'strict',
    specFile: jiraSpecFile,
    fresh: options.dataDir === undefined,
    ...options,
    dataDir,
  });
  return {
    jira,
    dataDir,
    call: (method, path, body, who = LOCAL_ADMIN) => callJira(jira.url, method, path, body, who),
    async close() {
      const violations = jira.violations();
      await jira.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      expect(violations, 'the emulator broke the Jira spec').toEqual([]);
    },
  };
}

export function callJira(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  who: Credentials | null = LOCAL_ADMIN,
): Promise<Reply> {
  return sendJson(
    `${url}${path}`,
    method,
    body,
    who ? `Basic ${Buffer.from(`${who.email}:${who.apiToken}`).toString('base64')}` : null,
  );
}

/**
 * One request to a local emulator: JSON in, JSON out, or the
 * text where it is not JSON (a 401's sentence, an HTML page).
 */
export async function sendJson(
  url: string,
  method: string,
  body: unknown,
  authorization: string | null,
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (authorization !== null) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A one-paragraph Atlassian document. */
export function doc(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/** `fields` of a create request in DEL, with overridable defaults. */
export function taskFields(overrides: Record<string, unknown> = {}) {
  return { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'A task', ...overrides };
}

/** Reads a nested value of a reply body without casting: `at(body, 'fields', 'summary')`. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((node, key) => {
    if (Array.isArray(node) && typeof key === 'number') return node[key];
    if (typeof node === 'object' && node !== null && !Array.isArray(node))
      return Object.fromEntries(Object.entries(node))[key];
    return undefined;
  }, value);
}

/** Creates issues through the bulk endpoint, 50 at a time, and returns their keys in order. */
export async function createIssues(t: TestJira, updates: Array<Record<string, unknown>>): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < updates.length; i += 50) {
    const reply = await t.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: updates.slice(i, i + 50) });
    expect(reply.status).toBe(201);
    const issues = at(reply.body, 'issues');
    if (!Array.isArray(issues)) throw new Error('bulk create returned no issues');
    keys.push(...issues.map((issue) => String(at(issue, 'key'))));
  }
  return keys;
}
