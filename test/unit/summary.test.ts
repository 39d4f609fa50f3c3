import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readRecord } from '../../src/domain/record/read-record';
import { renderSummary } from '../../src/domain/summary';
import { aPromise, aRecord, aRisk, parse, someSignoffs, TODAY } from '../builders/record';

/** The five-minute summary: one Markdown page a new delivery lead can explain the project from. */

function acme() {
  const read = readRecord(
    readFileSync(new URL('../../examples/acme-onboarding.handoff.yaml', import.meta.url), 'utf8'),
  );
  if (!read.ok) return expect.fail(JSON.stringify(read.problems));
  return read.value;
}

const headings = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3));

/** The cells of a Markdown table row, split on unescaped pipes. */
const cellsOf = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe('the summary of the Acme example', () => {
  const markdown = renderSummary(acme(), { today: '2026-12-01' });

  it('starts with the title and the GO line', () => {
    const [title, , decision] = markdown.split('\n');
    expect(title).toBe('# Acme Logistics onboarding');
    expect(decision).toMatch(
      /^\*\*GO\*\* as of 2026-12-01 — 0 blockers, \d+ warnings?\. Scenario: new-implementation, phased-rollout\.$/,
    );
  });

  it('has every section, in the order a lead explains the project, and nothing blocking', () => {
    expect(headings(markdown)).toEqual([
      'Customer',
      'What they bought',
      'Why they bought',
      'Scope',
      'Timeline',
      'Who owns what',
      'Promises',
      'Dependencies',
      'Risks',
      'Open questions',
      'Exceptions',
      'Sign-offs',
    ]);
  });

  it('shows resolved dates, promise coverage and sign-offs', () => {
    expect(markdown).toContain('| Milestone: Pilot depot live | 2027-01-11 |');
    expect(markdown).toMatch(
      /\| SSO with Azure AD before the pilot +\| maria\.lopez@vendor\.example \| 2027-01-04 \| planned +\|/,
    );
    expect(markdown).toContain('excluded: Out of scope per SOW section 3.1; offered as a paid add-on.');
    expect(markdown).toMatch(/\| delivery +\| maria\.lopez@vendor\.example \| 2026-11-30 \| ready +\|/);
    expect(markdown).toContain('Blackouts: 2026-12-21 – 2027-01-03 (Customer holiday freeze).');
  });

  it('ends with a single newline', () => {
    expect(markdown).toMatch(/[^\n]\n$/);
  });
});

describe('a record that is not ready', () => {
  const record = parse(aRecord({ signoffs: someSignoffs({ sales: undefined }), risks: [aRisk({ owner: undefined })] }));
  const markdown = renderSummary(record, { today: TODAY });

  it('says NOT YET with the number of blockers', () => {
    expect(markdown).toContain(
      '**NOT YET** as of 2026-12-01 — 2 blockers, 0 warnings. Scenario: core, standard-onboarding.',
    );
  });

  it('lists every blocker with its path last, under What blocks "go"', () => {
    expect(headings(markdown).at(-1)).toBe('What blocks "go"');
    const section = markdown.slice(markdown.indexOf('## What blocks "go"'));
    expect(section).toContain('- `risks[0].owner`: ');
    expect(section).toContain('- `signoffs.sales`: Sales has not confirmed that no undocumented promises remain.');
  });

  it('shows the missing sign-off and an unfilled owner as such', () => {
    expect(markdown).toMatch(/\| sales +\| — +\| — +\| missing +\|/);
    const unfilled = parse(aRecord({ risks: [aRisk({ owner: 'technical-lead' })] }));
    expect(renderSummary(unfilled, { today: TODAY })).toContain('technical-lead (unfilled)');
  });
});

describe('table cells', () => {
  it('a line break inside a cell stays inside its row', () => {
    const record = parse(aRecord({ risks: [aRisk({ mitigation: 'Pilot early\nand keep a fallback' })] }));
    expect(renderSummary(record, { today: TODAY })).toContain('Pilot early and keep a fallback');
  });

  it('a | inside a cell is escaped, so the row keeps its columns', () => {
    const record = parse(aRecord({ promises: [aPromise({ title: 'Reports | dashboards' })] }));
    const markdown = renderSummary(record, { today: TODAY });
    const row = markdown.split('\n').find((l) => l.includes('Reports'));
    expect(row).toContain('Reports \\| dashboards');
    expect(cellsOf(row ?? '')).toHaveLength(4);
  });
});

describe('once provisioned', () => {
  const rid = 'acme-onboarding-2026';
  const issues = new Map([
    [`${rid}/promise/sso`, { key: 'DEL-2', url: 'https://x.atlassian.net/browse/DEL-2', status: 'Done' }],
    [`${rid}/dependency/azure-app`, { key: 'DEL-6', url: 'https://x.atlassian.net/browse/DEL-6', status: null }],
  ]);
  const markdown = renderSummary(acme(), { today: '2026-12-01', issues });
  const rowOf = (title: string, text = markdown) =>
    cellsOf(text.split('\n').find((l) => l.startsWith('|') && l.includes(title)) ?? '');

  it('names each item’s issue as a link, with its status once the tracker gave it', () => {
    expect(rowOf('SSO with').at(-1)).toBe('[DEL-2](https://x.atlassian.net/browse/DEL-2) · Done');
    expect(rowOf('Customer registers').at(-1)).toBe('[DEL-6](https://x.atlassian.net/browse/DEL-6)');
    // An item with no issue (excluded, or not created) says so rather than leaving a gap.
    expect(rowOf('Custom BI').at(-1)).toBe('—');
  });

  it('keeps a status Jira names as text: no Markdown comes out of it', () => {
    const hostile = new Map([
      [`${rid}/promise/sso`, { key: 'DEL-2', url: 'https://x/browse/DEL-2 ) [y](javascript:1)', status: '[z](y) |' }],
    ]);
    const row = rowOf('SSO with', renderSummary(acme(), { today: '2026-12-01', issues: hostile }));
    expect(row.at(-1)).toBe('[DEL-2](https://x/browse/DEL-2%20%29%20[y]%28javascript:1%29) · \\[z\\](y) \\|');
  });

  it('has no Issue column before there are issues', () => {
    expect(renderSummary(acme(), { today: '2026-12-01' })).not.toContain('| Issue');
    expect(markdown).toContain('| Issue');
  });
});
