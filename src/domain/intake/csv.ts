import type { Problem, Result } from '../problem';
import { validateRecord } from '../record/read-record';
import type { HandoffPromise } from '../record/record';
import { slug } from './draft';

/**
 * A spreadsheet of promises (CSV, first row the headings title, detail, owner, due, source) as a
 * record's promises. Every problem names its row and column as the spreadsheet shows them
 * (row 2 is the first promise, column C the third), so a lead finds the cell without counting.
 */
export const CSV_COLUMNS = ['title', 'detail', 'owner', 'due', 'source'] as const;
type Column = (typeof CSV_COLUMNS)[number];

export function promisesFromCsv(text: string): Result<HandoffPromise[]> {
  const rows = parseCsv(text);
  if (!rows.ok) return rows;
  const [heading, ...body] = rows.value;
  if (heading === undefined || heading.every((cell) => cell.trim() === ''))
    return fail({ path: 'row 1', line: 1, message: `the first row must name the columns: ${CSV_COLUMNS.join(', ')}` });
  const columns = new Map<Column, number>();
  const problems: Problem[] = [];
  heading.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    const known = CSV_COLUMNS.find((c) => c === name);
    if (known) columns.set(known, index);
    else if (name !== '')
      problems.push(at(1, index, `no column "${cell.trim()}": the columns are ${CSV_COLUMNS.join(', ')}`));
  });
  if (!columns.has('title')) problems.push({ path: 'row 1', line: 1, message: 'a column "title" is needed' });
  if (problems.length > 0) return { ok: false, problems };

  const filled = body.map((cells, i) => ({ cells, row: i + 2 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const ids = new Set<string>();
  const promises = filled.map(({ cells, row }) => {
    const cell = (c: Column) => {
      const index = columns.get(c);
      const value = index === undefined ? undefined : cells[index]?.trim();
      return value ? value : undefined;
    };
    const title = cell('title') ?? '';
    let id = slug(title).slice(0, 56) || `promise-${row}`;
    while (ids.has(id)) id = `${id.replace(/-row-\d+$/, '')}-row-${row}`;
    ids.add(id);
    const source = cell('source');
    return {
      id,
      title,
      ...(cell('detail') ? { detail: cell('detail') } : {}),
      ...(cell('owner') ? { owner: cell('owner') } : {}),
      ...(cell('due') ? { due: cell('due') } : {}),
      ...(source ? { source: sourceOf(source) } : {}),
    };
  });
  // The record's own rules judge each promise, so a cell is refused here exactly when a record would refuse it.
  const read = validateRecord({
    version: 1,
    id: 'csv',
    title: 'csv',
    scenario: 'core',
    customer: { company: 'csv' },
    promises,
  });
  if (read.ok) return { ok: true, value: read.value.promises ?? [] };
  const located = read.problems.map((p) => {
    const found = /^promises\[(\d+)\]\.?([a-z]*)/i.exec(p.path);
    const entry = found ? filled[Number(found[1])] : undefined;
    if (!found || entry === undefined) return p;
    const column = CSV_COLUMNS.find((c) => c === found[2]) ?? 'title';
    return at(entry.row, columns.get(column) ?? 0, p.message, column);
  });
  // One sentence a cell: the first says what the cell must be, the rest would repeat it in other words.
  return { ok: false, problems: located.filter((p, i) => located.findIndex((q) => q.path === p.path) === i) };
}

/** `proposal https://…` or a bare link (kind crm-note), or just a kind. */
function sourceOf(cell: string): Record<string, string> {
  const [first = '', ...rest] = cell.split(/\s+/);
  if (/^https?:\/\//.test(first)) return { kind: 'crm-note', url: first };
  const url = rest.find((part) => /^https?:\/\//.test(part));
  return url ? { kind: first, url } : { kind: first };
}

/** `A`, `B`, … `Z`, `AA`: the column letters a spreadsheet shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function at(row: number, index: number, message: string, name?: string): Problem {
  const column = `column ${columnLetter(index)}${name ? ` (${name})` : ''}`;
  return { path: `row ${row}, ${column}`, line: row, column: index + 1, message };
}

const fail = (problem: Problem): Result<never> => ({ ok: false, problems: [problem] });

/**
 * RFC 4180: fields split by commas, rows by CRLF or LF, double quotes around a field that holds
 * either, `""` for a quote inside one. A byte-order mark (Excel writes one) is skipped.
 */
export function parseCsv(text: string): Result<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted)
    return fail({
      path: `row ${quoteLine}`,
      line: quoteLine,
      message: 'a quoted cell is never closed: add the closing "',
    });
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, value: rows };
}
