import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACME, runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'handoff-cli-'));
function recordFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
const acmeText = readFileSync(ACME, 'utf8');

describe('handoff validate', () => {
  it('accepts the example and says which record it is', async () => {
    const { code, out } = await runCli('validate', ACME);
    expect(code).toBe(0);
    expect(out).toContain('valid new-implementation record "acme-onboarding-2026"');
  });

  it('prints every problem as file:line:column: path: message and exits 1', async () => {
    const file = recordFile(
      'typos.yaml',
      acmeText
        .replace('    owner: delivery-owner', '    ownr: delivery-owner')
        .replace('due: kickoff+3bd', 'due: kikoff+3bd'),
    );
    const { code, out, err } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(out).toContain(`${file}:73:5: promises[0].ownr: unknown field "ownr" — did you mean "owner"?`);
    expect(out).toMatch(new RegExp(`${file}:\\d+:\\d+: dependencies\\[0\\]\\.due: unknown date anchor "kikoff"`));
    expect(err).toContain('2 problems');
    expect(out + err).not.toMatch(/\bat \S+\.ts:\d+/); // never a stack trace
  });

  it('reports YAML syntax errors with line and column', async () => {
    const file = recordFile('syntax.yaml', 'version: 1\nid: [unclosed\n');
    const { code, out } = await runCli('validate', file);
    expect(code).toBe(1);
    expect(out).toMatch(/syntax\.yaml:\d+:\d+: YAML syntax:/);
  });

  it('reads JSON records too, with --json output', async () => {
    const json = recordFile('acme.json', JSON.stringify({ ...(await import('yaml')).parse(acmeText) }));
    const { code, out } = await runCli('validate', json, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      ok: true,
      file: json,
      id: 'acme-onboarding-2026',
      scenario: 'new-implementation',
    });
  });

  it('treats an unreadable file as a usage error', async () => {
    const { code, err } = await runCli('validate', join(dir, 'missing.yaml'));
    expect(code).toBe(2);
    expect(err).toContain('cannot read');
  });
});

describe('handoff gate', () => {
  it('says GO for the example on 2026-12-01', async () => {
    const { code, out } = await runCli('gate', ACME, '--today', '2026-12-01');
    expect(code).toBe(0);
    expect(out).toMatch(/^GO: acme-onboarding-2026 as of 2026-12-01/);
  });

  it('exits 3 and lists blockers with paths when not yet', async () => {
    const file = recordFile('unsigned.yaml', acmeText.replace(/ {2}delivery: \{ by: maria[^\n]*\n/, ''));
    const { code, out } = await runCli('gate', file, '--today', '2026-12-01', '--json');
    expect(code).toBe(3);
    const result = z
      .object({ decision: z.string(), blockers: z.array(z.object({ path: z.string(), message: z.string() })) })
      .parse(JSON.parse(out));
    expect(result.decision).toBe('not-yet');
    expect(result.blockers).toEqual([
      { path: 'signoffs.delivery', message: 'Delivery has not confirmed it is ready (or listed what blocks it).' },
    ]);
  });

  it('rejects an impossible --today as a usage error', async () => {
    const { code, err } = await runCli('gate', ACME, '--today', '2026-02-30');
    expect(code).toBe(2);
    expect(err).toContain('2026-02-30 is not a real calendar date');
    expect((await runCli('gate', ACME, '--today', '30.02.2026')).err).toContain('expected a date YYYY-MM-DD');
  });
});

describe('handoff plan', () => {
  it('prints the plan contract as JSON', async () => {
    const { code, out } = await runCli('plan', ACME, '--target', 'jira', '--json');
    expect(code).toBe(0);
    const plan = z
      .object({
        items: z.array(
          z.object({
            itemId: z.string(),
            kind: z.enum(['parent', 'promise', 'dependency', 'question', 'risk']),
            summary: z.string(),
            assignee: z.string().nullable(),
            due: z.string().nullable(),
            blocks: z.array(z.string()),
          }),
        ),
        exclusions: z.array(z.object({ itemId: z.string(), reason: z.string() })),
      })
      .parse(JSON.parse(out));
    expect(plan.items.map((i) => i.itemId)).toContain('acme-onboarding-2026/promise/sso');
    expect(plan.items.find((i) => i.itemId === 'acme-onboarding-2026/dependency/azure-app')).toMatchObject({
      assignee: 'sam.okafor@vendor.example',
      due: '2026-12-10',
      blocks: ['acme-onboarding-2026/promise/sso'],
    });
    expect(plan.exclusions).toEqual([
      expect.objectContaining({
        itemId: 'acme-onboarding-2026/promise/bi',
        reason: expect.stringContaining('SOW section 3.1'),
      }),
    ]);
  });

  it('needs --target jira or asana', async () => {
    expect((await runCli('plan', ACME)).code).toBe(2);
    expect((await runCli('plan', ACME, '--target', 'trello')).code).toBe(2);
  });

  it('prints a readable preview without --json', async () => {
    const { code, out } = await runCli('plan', ACME, '--target', 'asana');
    expect(code).toBe(0);
    expect(out).toContain('Plan for acme-onboarding-2026 → asana: 9 items, 1 exclusion');
    expect(out).toContain('excluded   Custom BI dashboards');
  });
});

describe('handoff summary', () => {
  it('prints the five-minute summary as Markdown', async () => {
    const { code, out } = await runCli('summary', ACME, '--today', '2026-12-01');
    expect(code).toBe(0);
    expect(out).toMatch(/^# Acme Logistics onboarding\n\n\*\*GO\*\* as of 2026-12-01/);
    expect(out).toContain('## Promises');
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command and 0 on --help', async () => {
    expect((await runCli('frobnicate')).code).toBe(2);
    const help = await runCli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('validate');
  });
});
