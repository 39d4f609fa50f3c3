import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME } from './run-cli';

// The real executable, as `npx handoff` runs it after `npm ci`: exit codes reach the shell.
describe('bin/handoff.js', () => {
  it('runs without a build step and exits with the gate decision', () => {
    const out = execFileSync(process.execPath, ['bin/handoff.js', 'gate', ACME, '--today', '2026-12-01'], {
      encoding: 'utf8',
    });
    expect(out).toContain('GO: acme-onboarding-2026');
  });

  it('passes exit code 3 through to the shell', () => {
    const unsigned = join(mkdtempSync(join(tmpdir(), 'handoff-bin-')), 'unsigned.yaml');
    writeFileSync(unsigned, readFileSync(ACME, 'utf8').replace(/ {2}sales: \{[^\n]*\n/, ''));
    let status: number | null = null;
    try {
      execFileSync(process.execPath, ['bin/handoff.js', 'gate', unsigned, '--today', '2026-12-01'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      status =
        error !== null && typeof error === 'object' && 'status' in error && typeof error.status === 'number'
          ? error.status
          : null;
    }
    expect(status).toBe(3);
  });
});
