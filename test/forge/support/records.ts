import { readFileSync } from 'node:fs';
import { readRecord } from '../../../src/domain/record/read-record';
import type { HandoffRecord } from '../../../src/domain/record/record';
import { recordWith } from '../../contract/plan-fixture';

/** The day the tests live on: every example except the not-yet one gates go. */
export const TODAY = '2026-12-01';

export function exampleText(name: string): string {
  return readFileSync(new URL(`../../../examples/${name}.handoff.yaml`, import.meta.url), 'utf8');
}

/** An example record, read as the CLI reads it; `changes` override fields (a fresh `id` keeps tests' issues apart). */
export function exampleRecord(name: string, changes: Partial<HandoffRecord> = {}): HandoffRecord {
  const read = readRecord(exampleText(name));
  if (!read.ok) throw new Error(`${name} does not read: ${JSON.stringify(read.problems.slice(0, 2))}`);
  return { ...read.value, ...changes };
}

/** People the local Jira knows (they are in the examples), so every item can be assigned. */
const PEOPLE = ['maria.lopez@vendor.example', 'sam.okafor@vendor.example', 'priya.nair@vendor.example'];

/**
 * A record that plans `items` tracked items with `links` Blocks links (the contract suite's
 * generator), completed so the gate says go: scope, a risk, source links and delivery's sign-off.
 */
export function largeRecord(id: string, items: number, links: number, people: readonly string[] = PEOPLE): unknown {
  return {
    ...recordWith({ id, items, links, assignees: [...people] }),
    scope: { included: ['Everything the generated promises say'] },
    risks: [{ id: 'volume', title: 'Many items at once', severity: 'low', owner: PEOPLE[0], due: 'kickoff+5bd' }],
    links: [{ title: 'Generated notes', url: 'https://docs.example.com/generated' }],
    signoffs: { delivery: { by: PEOPLE[0], at: '2026-11-30', status: 'ready' } },
  };
}
