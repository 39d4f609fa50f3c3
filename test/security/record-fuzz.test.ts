import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Problem } from '../../src/domain/problem';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';

/**
 * readRecord / validateRecord on anything at all: they answer, never throw, and every problem
 * says where it is — a field path, or (for text that is not even a record) a line.
 */

const ACME = readFileSync(new URL('../../examples/acme-onboarding.handoff.yaml', import.meta.url), 'utf8');

/** A problem a person can find: a message, and a field path or a line and column inside the text. */
function expectLocated(problems: readonly Problem[], text: string): void {
  expect(problems.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const p of problems) {
    expect(p.message.length, JSON.stringify(p)).toBeGreaterThan(0);
    expect(p.path !== '' || p.line !== undefined, `unlocated: ${JSON.stringify(p)}`).toBe(true);
    if (p.line !== undefined) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines + 1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
  }
}

function readsOrLocates(text: string): void {
  const result = readRecord(text);
  if (!result.ok) expectLocated(result.problems, text);
}

/**
 * Pieces of YAML syntax, so generated text gets past the first
 * character: anchors, tags, flow, block scalars, directives.
 */
const yamlPiece = fc.constantFrom(
  'version: 1\n',
  'id: x\n',
  'title: ',
  'scenario: core\n',
  'customer:\n',
  '  company: X\n',
  'promises:\n',
  '- ',
  '  ',
  '    ',
  '\n',
  '&a ',
  '*a',
  '*b',
  '!!str ',
  '!!binary ',
  '!!map ',
  '!local ',
  '? ',
  ': ',
  '[',
  ']',
  '{',
  '}',
  ', ',
  '"',
  "'",
  '\\',
  '|\n',
  '>-\n',
  '# comment\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '\t',
  '<<: *a\n',
  'null',
  '~',
  '2026-12-01',
  '0x1F',
  '.inf',
  'yes',
  '1e999',
  '-',
  '@',
  '`',
);
const yamlish = fc
  .array(fc.oneof(yamlPiece, fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Random edits of a real record: delete a few characters somewhere, insert a few others. */
const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.string({ unit: 'binary', maxLength: 4 })), {
  minLength: 1,
  maxLength: 8,
});
function applyEdits(text: string, changes: readonly [number, number, string][]): string {
  return changes.reduce((t, [at, remove, insert]) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i + remove);
  }, text);
}

describe('readRecord never throws, and every problem is located', () => {
  it('on arbitrary strings (any code point, graphemes, ASCII)', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.string({ maxLength: 300 }),
    );
    fc.assert(fc.property(anyText, readsOrLocates), { numRuns: 400 });
  });

  it('on YAML-looking text: anchors, aliases, tags, flow and block collections, directives', () => {
    fc.assert(fc.property(yamlish, readsOrLocates), { numRuns: 500 });
  });

  it('on JSON of random shapes, and on those shapes as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        readsOrLocates(JSON.stringify(value) ?? 'null');
        readsOrLocates(stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('on random edits of the Acme example', () => {
    fc.assert(
      fc.property(edits, (changes) => readsOrLocates(applyEdits(ACME, changes))),
      { numRuns: 300 },
    );
  });

  it('on the empty file, whitespace, a lone comment and a lone scalar: the problem is at line 1', () => {
    for (const text of ['', '   \n\n', '# nothing here\n', 'null', '42', 'just words']) {
      const result = readRecord(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 1, column: 1 });
    }
  });

  it('duplicate keys and a second document are syntax problems at their line', () => {
    expect(readRecord('version: 1\nid: a\nversion: 1\n')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'YAML syntax: Map keys must be unique', line: 3, column: 1 }],
    });
    const twoDocs = readRecord('version: 1\n---\nversion: 1\n');
    expect(twoDocs.ok ? [] : twoDocs.problems.map((p) => [p.message, p.line])).toEqual([
      [expect.stringContaining('multiple documents'), 2],
    ]);
  });
});

describe('validateRecord never throws on any value', () => {
  const everyValue =
    'answers every value fast-check can make ' +
    '(null prototypes, Maps, Sets, BigInt, Dates, typed and sparse arrays) with problems';
  it(everyValue, () => {
    const anything = fc.anything({
      maxDepth: 4,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        const result = validateRecord(value);
        expect(result.ok).toBe(false);
        if (!result.ok) for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("an object record's problems all name their field", () => {
    const recordish = fc.dictionary(
      fc.constantFrom(
        'version',
        'id',
        'title',
        'scenario',
        'customer',
        'promises',
        'people',
        'timeline',
        'signoffs',
        'x',
      ),
      fc.jsonValue({ maxDepth: 4 }),
    );
    fc.assert(
      fc.property(recordish, (value) => {
        const result = validateRecord(value);
        if (!result.ok) for (const p of result.problems) expect(p.path, JSON.stringify(p)).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('a cyclic object is answered, not followed forever', () => {
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.customer = cyclic;
    cyclic.promises = [cyclic];
    const result = validateRecord(cyclic);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['customer.company', 'promises[0].id']),
    );
  });
});
