import { describe, it, expect } from 'vitest';
import { stringify } from 'yaml';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import { SCENARIOS } from '../../src/domain/record/record';
import type { Problem } from '../../src/domain/problem';
import {
  aBlackout,
  aDeal,
  aDependency,
  anExcludedPromise,
  aPromise,
  aRecord,
  aTimeline,
  parse,
  someSignoffs,
  withValue,
  EMAIL,
} from '../builders/record';

/** Reading a record: YAML or JSON in, the record or every problem (path, message, line, column) out. */

function problemsOf(result: ReturnType<typeof readRecord>): Problem[] {
  if (result.ok) return expect.fail('expected the record to be rejected');
  return result.problems;
}

/** A small record as YAML lines, so tests can point at a line and column. */
const MINIMAL = [
  'version: 1',
  'id: mini',
  'title: Mini handoff',
  'scenario: lightweight',
  'customer:',
  '  company: Mini Ltd',
];
const yamlOf = (...extra: string[]) => [...MINIMAL, ...extra].join('\n');

describe('accepted inputs', () => {
  it('reads the builder record written as YAML', () => {
    const result = readRecord(stringify(aRecord()));
    expect(result).toEqual({ ok: true, value: parse(aRecord()) });
  });

  it('reads the same record written as JSON', () => {
    const result = readRecord(JSON.stringify(aRecord(), null, 2));
    expect(result).toEqual({ ok: true, value: parse(aRecord()) });
  });

  it('reads unquoted and quoted YAML dates alike, keeping YYYY-MM-DD strings', () => {
    const unquoted = readRecord(
      yamlOf(
        'timeline:',
        '  kickoff: 2026-12-07',
        'deal:',
        '  purchased: [Seats]',
        '  contract: { start: 2026-12-01 }',
      ),
    );
    const quoted = readRecord(
      yamlOf(
        'timeline:',
        '  kickoff: "2026-12-07"',
        'deal:',
        '  purchased: [Seats]',
        "  contract: { start: '2026-12-01' }",
      ),
    );
    expect(unquoted.ok && unquoted.value.timeline?.kickoff).toBe('2026-12-07');
    expect(unquoted.ok && unquoted.value.deal?.contract.start).toBe('2026-12-01');
    expect(quoted).toEqual(unquoted);
  });

  it('reads YAML 1.1 timestamps (which parse as Date objects) as ISO dates', () => {
    const result = readRecord(['%YAML 1.1', '---', yamlOf('timeline:', '  kickoff: 2026-12-07')].join('\n'));
    expect(result.ok && result.value.timeline?.kickoff).toBe('2026-12-07');
  });

  it('validateRecord accepts Date objects for dates (a value from storage or a YAML 1.1 parser)', () => {
    const result = validateRecord(aRecord({ timeline: aTimeline({ kickoff: new Date(Date.UTC(2026, 11, 7)) }) }));
    expect(result.ok && result.value.timeline?.kickoff).toBe('2026-12-07');
  });

  it('keeps the record as read: validation adds nothing and the plain object round-trips', () => {
    const value = parse(aRecord());
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });
});

describe('syntax and shape problems', () => {
  it('a YAML syntax error is one problem with its line and column', () => {
    const problems = problemsOf(readRecord(yamlOf('scope:', '  included: [one, two', 'risks: []')));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const p of problems) {
      expect(p.path).toBe('');
      expect(p.message).toMatch(/^YAML syntax: /);
      expect(p.line).toBeGreaterThanOrEqual(8);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('a duplicated key is a YAML problem with its position', () => {
    const [problem, ...rest] = problemsOf(readRecord(yamlOf('title: Again')));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: '', line: 7, column: 1 });
    expect(problem?.message).toContain('unique');
  });

  it('a misspelt field names its path, suggests the field meant, and points at the key', () => {
    const problems = problemsOf(readRecord(yamlOf('  compnay: Mini GmbH')));
    expect(problems).toEqual([
      { path: 'customer.compnay', message: 'unknown field "compnay" — did you mean "company"?', line: 7, column: 3 },
    ]);
  });

  it('a misspelt field inside a list item is located too', () => {
    const problems = problemsOf(
      readRecord(yamlOf('promises:', '  - id: sso', '    title: SSO', '    ownr: delivery-owner')),
    );
    expect(problems).toEqual([
      { path: 'promises[0].ownr', message: 'unknown field "ownr" — did you mean "owner"?', line: 10, column: 5 },
    ]);
  });

  it('a misspelt role suggests the role meant; an owner far from any role lists them all', () => {
    const [typo] = problemsOf(
      readRecord(
        yamlOf('promises:', '  - id: sso', '    title: SSO', '    owner: delivry-owner', '    due: 2027-01-04'),
      ),
    );
    expect(typo).toMatchObject({ path: 'promises[0].owner', line: 10 });
    expect(typo?.message).toMatch(
      /^no role "delivry-owner" — did you mean "delivery-owner"\? An owner is an e-mail or/,
    );
    const [far] = problemsOf(
      readRecord(yamlOf('promises:', '  - id: sso', '    title: SSO', '    owner: someone', '    due: 2027-01-04')),
    );
    expect(far?.message).toMatch(/^must be an e-mail or a role of people \(delivery-owner, /);
  });

  it('a top-level typo suggests the top-level field', () => {
    const problems = problemsOf(readRecord(yamlOf('promise: []')));
    expect(problems).toEqual([
      { path: 'promise', message: 'unknown field "promise" — did you mean "promises"?', line: 7, column: 1 },
    ]);
  });

  it('a field unlike any allowed one gets no suggestion', () => {
    const [problem] = problemsOf(readRecord(yamlOf('zzzzzzzz: 1')));
    expect(problem?.message).toBe('unknown field "zzzzzzzz"');
  });

  it('a missing required field "is required", located at its parent', () => {
    const problems = problemsOf(readRecord(yamlOf().replace('  company: Mini Ltd', '  timeZone: Europe/Paris')));
    expect(problems).toEqual([{ path: 'customer.company', message: 'is required', line: 6, column: 3 }]);
  });

  it('a missing top-level field is required', () => {
    const problems = problemsOf(readRecord(MINIMAL.filter((l) => !l.startsWith('title')).join('\n')));
    expect(problems).toEqual([{ path: 'title', message: 'is required', line: 1, column: 1 }]);
  });

  it('a wrong enum value lists the allowed values', () => {
    const problems = problemsOf(readRecord(yamlOf().replace('scenario: lightweight', 'scenario: lite')));
    expect(problems).toEqual([
      { path: 'scenario', message: `must be one of: ${SCENARIOS.join(', ')}`, line: 4, column: 11 },
    ]);
  });

  it('a wrong enum value in a nested list lists its allowed values', () => {
    const result = validateRecord(withValue(aRecord(), 'dependencies', [{ ...aDependency(), side: 'partner' }]));
    expect(result.ok || result.problems).toEqual([
      { path: 'dependencies[0].side', message: 'must be one of: internal, customer, vendor' },
    ]);
  });

  it('reports every problem at once, each at its own line', () => {
    const problems = problemsOf(
      readRecord(
        yamlOf(
          '  compnay: x',
          'timeline:',
          '  kickoff: 2026-02-30',
          'people:',
          '  delivery-owner: not-an-email',
          'risks:',
          '  - { id: Bad_Id, title: Risk, severity: huge }',
        ),
      ),
    );
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['customer.compnay', 7],
      ['timeline.kickoff', 9],
      ['people.delivery-owner', 11],
      ['risks[0].id', 13],
      ['risks[0].severity', 13],
    ]);
  });

  it('an impossible date is rejected where it is written', () => {
    const result = validateRecord(aRecord({ deal: aDeal({ contract: { start: '2027-02-29' } }) }));
    expect(result.ok || result.problems).toEqual([
      { path: 'deal.contract.start', message: 'is not a real calendar date' },
    ]);
  });

  it('what a tracker would refuse is refused here, where it is written', () => {
    const problems = (record: ReturnType<typeof aRecord>) => {
      const result = validateRecord(record);
      return result.ok ? [] : result.problems.map((p) => [p.path, p.message]);
    };
    expect(problems(aRecord({ id: `a${'b'.repeat(64)}` }))).toEqual([['id', 'ids are at most 64 characters']]);
    expect(problems(aRecord({ title: '\u200B\u200D\uFEFF' }))).toEqual([
      ['title', 'must have visible text, not only invisible characters'],
    ]);
    expect(problems(aRecord({ deal: aDeal({ contract: { start: '1899-12-31' } }) }))).toEqual([
      ['deal.contract.start', 'must be a date between the years 1900 and 9999'],
    ]);
    expect(problems(aRecord({ deal: aDeal({ contract: { start: '1900-01-01' } }) }))).toEqual([]);
  });

  it('an empty document, null or a list is a problem, not a crash', () => {
    for (const text of ['', 'null', '- 1\n- 2', '42']) expect(readRecord(text).ok).toBe(false);
  });

  it('an undefined YAML alias is a problem, not an exception', () => {
    const text = yamlOf('timeline: *missing');
    expect(() => readRecord(text)).not.toThrow();
    expect(readRecord(text).ok).toBe(false);
  });

  it('an alias bomb is a problem, not an exception', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(() => readRecord(bomb)).not.toThrow();
    expect(readRecord(bomb).ok).toBe(false);
  });
});

describe('cross-field problems', () => {
  const pathsOfInvalid = (input: unknown) => {
    const result = validateRecord(input);
    return result.ok ? expect.fail('expected the record to be rejected') : result.problems;
  };

  it('duplicate ids across lists name the first use', () => {
    const problems = pathsOfInvalid(aRecord({ promises: [aPromise({ id: 'pilot' })], dependencies: [] }));
    expect(problems).toEqual([
      { path: 'promises[0].id', message: 'id "pilot" is already used by timeline.milestones[0]; ids must be unique' },
    ]);
  });

  it('an id that is a date anchor name is rejected', () => {
    const problems = pathsOfInvalid(
      aRecord({ questions: [{ id: 'kickoff', title: 'When?', owner: 'comms-owner', due: '2026-12-08' }] }),
    );
    expect(problems.map((p) => p.path)).toEqual(['questions[0].id']);
    expect(problems[0]?.message).toContain('date anchor');
  });

  it('blocks referencing nothing names the missing id', () => {
    const problems = pathsOfInvalid(aRecord({ dependencies: [aDependency({ blocks: ['sso', 'nothing'] })] }));
    expect(problems).toEqual([
      { path: 'dependencies[0].blocks[1]', message: '"nothing" is not the id of a promise, dependency or milestone' },
    ]);
  });

  it('a promise pointing at a milestone that does not exist', () => {
    const problems = pathsOfInvalid(aRecord({ promises: [aPromise({ milestone: 'launch' })] }));
    expect(problems).toEqual([
      { path: 'promises[0].milestone', message: 'no milestone "launch" in timeline.milestones' },
    ]);
  });

  it.each([
    ['an owner', { owner: 'delivery-owner' }],
    ['a due date', { due: '2027-01-04' }],
    ['a milestone', { milestone: 'pilot' }],
  ])('an excluded promise with %s contradicts itself', (_what, extra) => {
    const problems = pathsOfInvalid(aRecord({ promises: [aPromise(), anExcludedPromise(extra)] }));
    expect(problems.map((p) => p.path)).toEqual(['promises[1].excluded']);
  });

  it('a dependency blocking itself', () => {
    const problems = pathsOfInvalid(aRecord({ dependencies: [aDependency({ blocks: ['azure-app'] })] }));
    expect(problems).toContainEqual({ path: 'dependencies[0].blocks[0]', message: 'a dependency cannot block itself' });
  });

  it('dependencies blocking each other in a circle name the circle', () => {
    const problems = pathsOfInvalid(
      aRecord({
        dependencies: [
          aDependency({ id: 'a', blocks: ['b'] }),
          aDependency({ id: 'b', blocks: ['c'] }),
          aDependency({ id: 'c', blocks: ['a'] }),
        ],
      }),
    );
    expect(problems).toEqual([
      { path: 'dependencies[0].blocks', message: 'dependencies block each other in a circle: a → b → c → a' },
    ]);
  });

  it('a blackout ending before it starts', () => {
    const problems = pathsOfInvalid(
      aRecord({ timeline: aTimeline({ blackouts: [aBlackout({ from: '2026-12-21', to: '2026-12-20' })] }) }),
    );
    expect(problems).toEqual([
      { path: 'timeline.blackouts[0].to', message: 'the blackout ends (2026-12-20) before it starts (2026-12-21)' },
    ]);
  });

  it('a one-day blackout (from = to) is fine', () => {
    expect(
      validateRecord(
        aRecord({ timeline: aTimeline({ blackouts: [aBlackout({ from: '2026-12-24', to: '2026-12-24' })] }) }),
      ).ok,
    ).toBe(true);
  });

  it('a contract ending before it starts', () => {
    const problems = pathsOfInvalid(aRecord({ deal: aDeal({ contract: { start: '2026-12-01', end: '2026-11-30' } }) }));
    expect(problems.map((p) => p.path)).toEqual(['deal.contract.end']);
  });

  it('delivery signed "blocked" without saying by what', () => {
    const problems = pathsOfInvalid(
      aRecord({ signoffs: someSignoffs({ delivery: { by: EMAIL.delivery, at: '2026-11-30', status: 'blocked' } }) }),
    );
    expect(problems.map((p) => p.path)).toEqual(['signoffs.delivery.blockers']);
  });

  it('several cross-field problems are reported together, located in the YAML', () => {
    const problems = problemsOf(
      readRecord(
        yamlOf(
          'promises:',
          '  - { id: a, title: A, excluded: Not sold, owner: delivery-owner }',
          '  - { id: a, title: B }',
          'dependencies:',
          '  - { id: d, title: D, side: customer, blocks: [nothing] }',
        ),
      ),
    );
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['promises[1].id', 9],
      ['dependencies[0].blocks[0]', 11],
      ['promises[0].excluded', 8],
    ]);
  });

  // LIMITATION/BUG (src/domain/record.ts:255 `recordShape.superRefine(checkReferences)`): zod
  // skips the refinement once the shape has a non-continuable issue (a wrong enum, a missing
  // field, a wrong type), so cross-field problems only appear after those are fixed. "Every
  // problem at once" then takes two rounds.
  it.fails('a wrong enum value and a duplicate id are reported in the same round', () => {
    const problems = pathsOfInvalid(withValue(aRecord({ promises: [aPromise(), aPromise()] }), 'scenario', 'lite'));
    expect(problems.map((p) => p.path).sort()).toEqual(['promises[1].id', 'scenario']);
  });
});
