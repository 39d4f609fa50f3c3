import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../unit/cli/run-cli';
import { ATTACK_RECORDS } from '../security/support/attack-records';
import { cliJiraSite } from './cli-jira-site';

/**
 * Attacks F8, F9, F18, F19 and F20 through the CLI: every record shape of the report, through
 * validate, gate, plan and summary, with and without `--json`, and provisioned into the local
 * Jira whenever the gate says go — a record that validates and gates never fails part-way.
 * No "internal error", no stack trace; `--json` always prints one JSON document.
 */
const dir = mkdtempSync(join(tmpdir(), 'handoff-attack-records-'));
const files = ATTACK_RECORDS.map((shape, i) => {
  const file = join(dir, `attack-${i}.handoff.yaml`);
  writeFileSync(file, shape.text);
  return { ...shape, file };
});
const TODAY = ['--today', '2026-12-01'];
const STACK_FRAME = /\bat [\w./<>-]+ \(?[\w./:-]+\.[cm]?[jt]s:\d+:\d+/;

describe.each(files)('attack record through the CLI: $name', ({ file, valid }) => {
  it.each([['validate'], ['gate'], ['plan'], ['summary']])(
    '%s answers with a sentence, and JSON under --json',
    async (command) => {
      const args =
        command === 'validate'
          ? [command, file]
          : command === 'plan'
            ? [command, file, '--target', 'jira']
            : [command, file, ...TODAY];
      const plain = await runCli(...args);
      expect(plain.err).not.toMatch(/internal error|unexpected/i);
      expect(STACK_FRAME.test(plain.err + plain.out)).toBe(false);
      if (!valid) expect(plain.code).toBe(1);
      else expect([0, 3]).toContain(plain.code);
      if (command === 'summary') return;
      const json = await runCli(...args, '--json');
      expect(json.code).toBe(plain.code);
      expect(() => JSON.parse(json.out), json.out.slice(0, 200)).not.toThrow();
    },
  );
});

describe('attack records that gate GO provision into the local Jira with nothing failed', () => {
  cliJiraSite();
  it.each(files.filter((f) => f.valid))('$name', async ({ file }) => {
    const gate = await runCli('gate', file, ...TODAY);
    if (gate.code !== 0) return expect(gate.code).toBe(3);
    const run = await runCli('provision', file, '--target', 'jira', ...TODAY, '--json');
    expect(run.err).not.toMatch(/internal error|unexpected/i);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ failed: [] });
  });
});
