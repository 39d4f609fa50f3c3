import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import { renderSummary } from '../../src/domain/summary';
import { bigRecordJson, bigRecordYaml } from './support/big-record';
import { RTL } from './support/hostile';

/**
 * Size and shape attacks on the reader: a 10 MB record, nesting 10,000 levels deep (which used
 * to abort the whole process inside V8), a YAML alias bomb, tens of thousands of unknown keys
 * (which used to take quadratic time). Each is answered, located, within a bound.
 */

const TODAY = '2026-12-01';

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe('a 10 MB record', () => {
  const PROMISES = 3_600;

  it.each([
    ['JSON', bigRecordJson],
    ['YAML', bigRecordYaml],
  ] as const)('as %s: read and validated in under 20 s, then gated and planned in under 5 s', (_, build) => {
    const text = build(PROMISES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10_000_000);
    const read = timed(() => readRecord(text));
    expect(read.ms).toBeLessThan(20_000);
    expect(read.value.ok).toBe(true);
    if (!read.value.ok) return;
    const record = read.value.value;
    const rest = timed(() => ({
      gate: evaluateGate(record, { today: TODAY }),
      plan: buildPlan(record, { target: 'jira' }),
    }));
    expect(rest.ms).toBeLessThan(5_000);
    expect(rest.value.plan.items).toHaveLength(PROMISES + 1);
    expect(Math.max(...rest.value.plan.items.map((i) => Array.from(i.summary).length))).toBeLessThanOrEqual(255);
  });

  it('with one broken promise deep inside (1 MB of it): one problem, at its line', () => {
    const text = bigRecordYaml(360).replace('  - id: p-300\n', '  - id: P 300!\n');
    expect(readRecord(text)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'promises[300].id', line: 12 + 300 * 9 + 1, column: 9 })],
    });
  });

  it('a 5 MB title is refused at `title`, quickly: no tracker field holds more than 32,767 characters', () => {
    const title = `${RTL} ${'x'.repeat(5_000_000)}`;
    const result = validateRecord(JSON.parse(bigRecordJson(1).replace('"Big record"', JSON.stringify(title))));
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ path: 'title', message: expect.stringContaining('at most 32,767 characters') }),
    ]);
  });

  it("a 30,000-character title is valid, cut to Jira's 255 characters in the plan, and the gate says so", () => {
    const title = `${RTL} ${'x'.repeat(30_000)}`;
    const result = validateRecord(JSON.parse(bigRecordJson(1).replace('"Big record"', JSON.stringify(title))));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parent = buildPlan(result.value, { target: 'jira' }).items[0];
    expect(parent?.summary.length).toBe(255);
    expect(evaluateGate(result.value, { today: TODAY }).warnings).toContainEqual(
      expect.objectContaining({ path: 'title', message: expect.stringContaining('a Jira summary holds 255') }),
    );
    expect(renderSummary(result.value, { today: TODAY }).length).toBeGreaterThan(30_000);
  });
});

describe('deep nesting', () => {
  const DEPTH = 10_000;
  // Block nesting needs one more space of indentation per level: 2,000 levels are 2 MB of spaces.
  const BLOCK_DEPTH = 2_000;
  const shapes: Record<string, string> = {
    'JSON arrays, 10,000 levels': '['.repeat(DEPTH) + ']'.repeat(DEPTH),
    'JSON objects, 10,000 levels': '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
    'YAML flow sequences under a key, 10,000 levels':
      'version: 1\n' + `customer: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`,
    'YAML compact sequences on one line, 10,000 levels': `${'- '.repeat(DEPTH)}x`,
    'YAML block maps, 2,000 levels': Array.from({ length: BLOCK_DEPTH }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    'YAML block sequences, 2,000 levels': Array.from({ length: BLOCK_DEPTH }, (_, i) => `${' '.repeat(i)}- k:`).join(
      '\n',
    ),
  };

  it.each(Object.keys(shapes))('%s: one problem at the line where it gets too deep, no crash', (name) => {
    const text = shapes[name] ?? '';
    const read = timed(() => readRecord(text));
    expect(read.ms).toBeLessThan(5_000);
    expect(read.value).toEqual({
      ok: false,
      problems: [
        {
          path: '',
          message: expect.stringMatching(/^nested more than 100 levels deep/),
          line: expect.any(Number),
          column: expect.any(Number),
        },
      ],
    });
  });

  const deepAfterDeep =
    'one deep document after another in the same process (the second used to abort Node with a fatal V8 error)';
  it(deepAfterDeep, () => {
    for (const text of [...Object.values(shapes), ...Object.values(shapes)]) expect(readRecord(text).ok).toBe(false);
  });

  it('nesting a record may really have (under the limit) still reads as usual', () => {
    const nested =
      `version: 1\nid: x\ntitle: x\nscenario: core\ncustomer: {company: X}\n` +
      `scope: {included: [${'['.repeat(90)}${']'.repeat(90)}]}\n`;
    const result = readRecord(nested);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['scope.included[0]']);
  });

  it('a parsed value 100,000 levels deep (from Forge storage or a payload) is answered at its field', () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 100_000; i += 1) {
      const next: Record<string, unknown> = {};
      node.company = next;
      node = next;
    }
    const result = validateRecord({ version: 1, id: 'x', title: 'x', scenario: 'core', customer: deep });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['customer.company']);
  });
});

describe('YAML resource attacks', () => {
  it('a billion-laughs alias bomb is a problem at once, not a hang or an out-of-memory', () => {
    const letters = 'abcdefghij';
    const bomb = [
      `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`,
      ...Array.from(letters.slice(1), (l, i) => `${l}: &${l} [${Array(9).fill(`*${letters[i]}`).join(',')}]`),
    ].join('\n');
    const read = timed(() => readRecord(bomb));
    expect(read.ms).toBeLessThan(2_000);
    expect(read.value).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ path: '', message: expect.stringContaining('resource exhaustion'), line: 1 }),
      ],
    });
  });

  it('50,000 unknown keys: each named at its own line, in seconds (it was quadratic: 24 s)', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `unknown-${i}: ${i}`);
    const read = timed(() => readRecord(['version: 1', ...keys].join('\n')));
    expect(read.ms).toBeLessThan(8_000);
    expect(read.value.ok).toBe(false);
    if (read.value.ok) return;
    const unknown = read.value.problems.filter((p) => p.message.startsWith('unknown field'));
    expect(unknown).toHaveLength(50_000);
    expect(unknown[49_999]).toMatchObject({ path: 'unknown-49999', line: 50_001, column: 1 });
  });

  it('50,000 keys in one JSON object with a duplicate at the end: found, at its place', () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `"k${i}": ${i}`).join(',\n');
    const read = timed(() => readRecord(`{\n${body},\n"k7": 0\n}`));
    expect(read.ms).toBeLessThan(8_000);
    expect(read.value).toEqual({
      ok: false,
      problems: [{ path: '', message: 'YAML syntax: Map keys must be unique', line: 50_002, column: 1 }],
    });
  });
});
