import { readFileSync } from 'node:fs';

/**
 * The record shapes of the attack report (F8, F9, F18, F19, F20 of the attack report filed with issue 14)
 * as text, each an edit of the Acme example: the record reader, the resolvers and the CLI are
 * run on every one of them, and none may crash, hang or fail late.
 */
const ACME = readFileSync(new URL('../../../examples/acme-onboarding.handoff.yaml', import.meta.url), 'utf8');

const edit = (pattern: RegExp, replacement: string): string => {
  if (!pattern.test(ACME)) throw new Error(`the Acme example has no ${String(pattern)} any more`);
  return ACME.replace(pattern, replacement);
};
const firstPromise = (field: string) => edit(/^(promises:\n {2}- id: [^\n]+\n)/m, `$1    ${field}\n`);
const firstDetail = (value: string) => edit(/^ {4}detail: Customer security.*$/m, `    detail: ${value}`);
const chain = (n: number, step: string) =>
  edit(
    /^ {2}milestones:\n/m,
    `  milestones:\n${Array.from(
      { length: n },
      (_, i) => `    - { id: ms-${i}, name: M${i}, due: ${i === 0 ? 'kickoff+1w' : `ms-${i - 1}+${step}`} }`,
    ).join('\n')}\n`,
  );

/** Name → record text, and whether it is a valid record (the rest must be refused at a field). */
export const ATTACK_RECORDS: ReadonlyArray<{ name: string; text: string; valid: boolean }> = [
  { name: 'F8 a 300-character record id', text: edit(/^id: .*$/m, `id: ${'a'.repeat(300)}`), valid: false },
  { name: 'F18 a 300-character label', text: firstPromise(`labels: [${'l'.repeat(300)}]`), valid: false },
  {
    name: 'F18 a 250-character milestone id',
    text: edit(/\{ id: pilot,/, `{ id: ${'m'.repeat(250)},`),
    valid: false,
  },
  { name: 'F9 1,500 milestones chained by +9999w', text: chain(1_500, '9999w'), valid: false },
  { name: 'F9 2,000 milestones chained by +1bd', text: chain(2_000, '1bd'), valid: true },
  {
    name: 'F18 a go-live computed past 9999',
    text: edit(/^ {2}kickoff: .*$/m, '  kickoff: 9999-06-01').replace(/^ {2}goLive: .*$/m, '  goLive: kickoff+600w'),
    valid: false,
  },
  { name: 'F19 a kickoff in the year 50', text: edit(/^ {2}kickoff: .*$/m, '  kickoff: 0050-03-01'), valid: false },
  { name: 'F18 a 40 KB detail', text: firstDetail('d'.repeat(40_000)), valid: false },
  { name: 'F18 a 20 KB detail of line breaks', text: firstDetail(`"${'x\\n'.repeat(16_000)}"`), valid: true },
  { name: 'F18 a 300-character title', text: edit(/^title: .*$/m, `title: ${'T'.repeat(300)}`), valid: true },
  { name: 'F20 a title of zero-width spaces', text: edit(/^title: .*$/m, 'title: "\u200B\u200B\u200B"'), valid: false },
  { name: 'F19 an empty file', text: '', valid: false },
  { name: 'F19 only comments', text: '# nothing yet\n', valid: false },
  { name: 'F19 a top-level list', text: '- version: 1\n', valid: false },
  { name: 'F19 a scalar', text: 'handoff\n', valid: false },
  { name: 'F19 a binary id', text: edit(/^id: .*$/m, 'id: !!binary aGVsbG8='), valid: false },
];
