import { RTL, SCRIPT } from './hostile';

const LONG = `A long promise text with Unicode ${RTL} and markup ${SCRIPT} — `.repeat(30);

/** A valid record of `n` promises with long texts, as JSON text. */
export function bigRecordJson(n: number): string {
  return JSON.stringify({
    version: 1,
    id: 'big-record',
    title: 'Big record',
    scenario: 'core',
    customer: { company: 'Globex' },
    people: { 'delivery-owner': 'maria.lopez@vendor.example' },
    timeline: { kickoff: '2026-12-07', goLive: '2027-06-01' },
    promises: Array.from({ length: n }, (_, i) => ({
      id: `p-${i}`,
      title: `Promise ${i}: ${LONG.slice(0, 400)}`,
      detail: LONG,
      owner: 'delivery-owner',
      due: 'kickoff+10bd',
      source: { kind: 'email', url: `https://mail.example.com/${i}`, note: LONG.slice(0, 300) },
    })),
  });
}

/** The same record as block YAML, written out directly (the YAML stringifier is slow at this size). */
export function bigRecordYaml(n: number): string {
  const lines = [
    'version: 1',
    'id: big-record',
    'title: Big record',
    'scenario: core',
    'customer:',
    '  company: Globex',
    'people:',
    '  delivery-owner: maria.lopez@vendor.example',
    'timeline:',
    '  kickoff: 2026-12-07',
    '  goLive: 2027-06-01',
    'promises:',
  ];
  const quoted = (s: string) => JSON.stringify(s);
  for (let i = 0; i < n; i += 1) {
    lines.push(
      `  - id: p-${i}`,
      `    title: ${quoted(`Promise ${i}: ${LONG.slice(0, 400)}`)}`,
      `    detail: ${quoted(LONG)}`,
      '    owner: delivery-owner',
      '    due: kickoff+10bd',
      '    source:',
      '      kind: email',
      `      url: https://mail.example.com/${i}`,
      `      note: ${quoted(LONG.slice(0, 300))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
