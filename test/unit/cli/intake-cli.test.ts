import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, ACME } from './run-cli';

const FIXTURES = 'test/fixtures/intake';

describe('handoff intake hubspot|salesforce PAYLOAD.json', () => {
  it('prints the draft record as YAML headed by its blockers and origins; exit 3 while not yet', async () => {
    const { code, out } = await runCli(
      'intake',
      'salesforce',
      `${FIXTURES}/salesforce-closed-won.json`,
      '--today',
      '2026-12-01',
    );
    expect(code).toBe(3);
    expect(out).toContain(
      '#   ✗ customer.contacts: Salesforce gives Lee Park no contact role (OpportunityContactRole.Role) ' +
        'on the deal: choose their role.',
    );
    expect(out).toContain('#   customer.company ← Salesforce Account.Name');
    expect(parse(out)).toMatchObject({
      id: 'salesforce-0065g00000xyzabaab',
      customer: { company: 'Harbour Analytics Ltd' },
    });
  });

  it('--json gives the draft, its origins and the gate', async () => {
    const { code, out } = await runCli(
      'intake',
      'hubspot',
      `${FIXTURES}/hubspot-closed-won.json`,
      '--json',
      '--today',
      '2026-12-01',
    );
    expect(code).toBe(3);
    expect(JSON.parse(out)).toMatchObject({ kind: 'new', closedWon: true, gate: { decision: 'not-yet' } });
  });

  it('a body that is not a deal names the field; a mapping file is read and checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-intake-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{"properties": {}}');
    const bad = await runCli('intake', 'hubspot', join(dir, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('portalId');
    writeFileSync(join(dir, 'mapping.json'), '{"hubspot": {"closedWon": []}}');
    const mapping = await runCli(
      'intake',
      'hubspot',
      `${FIXTURES}/hubspot-closed-won.json`,
      '--mapping',
      join(dir, 'mapping.json'),
    );
    expect(mapping.code).toBe(1);
    expect(mapping.err).toContain('hubspot.closedWon: name at least one closed-won stage');
    const crm = await runCli('intake', 'zoho', `${FIXTURES}/hubspot-closed-won.json`);
    expect(crm.code).toBe(2);
  });
});

describe('handoff import csv FILE', () => {
  it('prints the promises as YAML', async () => {
    const { code, out } = await runCli('import', 'csv', `${FIXTURES}/promises.csv`);
    expect(code).toBe(0);
    expect(parse(out).promises.map((p: { id: string }) => p.id)).toEqual([
      'sso-with-azure-ad',
      'import-history-two-years',
    ]);
  });

  it('a bad date names its row and column, and nothing is imported', async () => {
    const { code, out, err } = await runCli('import', 'csv', `${FIXTURES}/promises-bad-date.csv`);
    expect(code).toBe(1);
    expect(out).toMatch(/^test\/fixtures\/intake\/promises-bad-date\.csv:3:4: row 3, column D \(due\): a date is/);
    expect(err).toContain('1 problem; nothing imported');
  });

  it('--record adds them to a record, refusing an id the record already has', async () => {
    const { code, out } = await runCli('import', 'csv', `${FIXTURES}/promises.csv`, '--record', ACME);
    expect(code).toBe(0);
    const ids = parse(out).promises.map((p: { id: string }) => p.id);
    expect(ids.slice(-2)).toEqual(['sso-with-azure-ad', 'import-history-two-years']);
    const dir = mkdtempSync(join(tmpdir(), 'handoff-import-cli-'));
    writeFileSync(join(dir, 'dupe.csv'), 'title\nSSO\n');
    const dupe = await runCli('import', 'csv', join(dir, 'dupe.csv'), '--record', ACME);
    expect(dupe.code).toBe(1);
  });
});
