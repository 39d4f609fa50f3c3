import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnLetter, parseCsv, promisesFromCsv } from '../../src/domain/intake/csv';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/intake/${name}`, import.meta.url), 'utf8');

describe('CSV of promises', () => {
  it('turns each row into a promise; quoted cells keep their commas; a source link keeps its kind', () => {
    const result = promisesFromCsv(fixture('promises.csv'));
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: 'sso-with-azure-ad',
          title: 'SSO with Azure AD',
          detail: 'Before the pilot',
          owner: 'delivery-owner',
          due: '2027-01-20',
          source: { kind: 'call-recording', url: 'https://calls.example.com/acme/2' },
        },
        {
          id: 'import-history-two-years',
          title: 'Import history, two years',
          detail: 'Quoted, with a comma',
          owner: 'maria.lopez@vendor.example',
          due: 'kickoff+10bd',
          source: { kind: 'crm-note', url: 'https://docs.example.com/acme/proposal.pdf' },
        },
      ],
    });
  });

  it('a bad date names its row and column', () => {
    const result = promisesFromCsv(fixture('promises-bad-date.csv'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ path: 'row 3, column D (due)', line: 3, column: 4 })]);
    expect(result.problems[0]?.message).toMatch(/date/);
  });

  it('an unknown heading, a missing title and a bad owner are each located', () => {
    const result = promisesFromCsv('title,deadline\nx,1\n');
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'row 1, column B', message: expect.stringMatching(/deadline/) })],
    });
    const rows = promisesFromCsv('title,owner\n,delivery-owner\nShip it,nobody\n');
    expect(rows.ok ? [] : rows.problems.map((p) => p.path)).toEqual([
      'row 2, column A (title)',
      'row 3, column B (owner)',
    ]);
  });

  it('two rows with the same title get different ids; blank rows are skipped', () => {
    const result = promisesFromCsv('title\nTraining\n\nTraining\n');
    expect(result.ok && result.value.map((p) => p.id)).toEqual(['training', 'training-row-4']);
  });

  it('parses CRLF, escaped quotes and a byte-order mark; an unclosed quote names its row', () => {
    expect(parseCsv('\uFEFFa,"b ""c"""\r\n1,2')).toEqual({
      ok: true,
      value: [
        ['a', 'b "c"'],
        ['1', '2'],
      ],
    });
    expect(parseCsv('a\n"open')).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'row 2', message: expect.stringMatching(/never closed/) })],
    });
    expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
  });
});
