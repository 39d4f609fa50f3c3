import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { formatIsoDay, parseIsoDay } from '../../src/domain/dates/calendar';
import { PEOPLE_ROLES, recordShape, SCENARIOS, type HandoffRecord } from '../../src/domain/record/record';
import { readRecord, validateRecord } from '../../src/domain/record/read-record';
import { evaluateGate, type PersonDirectory } from '../../src/domain/gate/gate';
import { buildPlan, type Plan } from '../../src/domain/plan/plan';
import {
  aDeal,
  anExcludedPromise,
  aPromise,
  aRecord,
  aRisk,
  aQuestion,
  aDependency,
  anException,
  aMilestone,
  aTimeline,
  isObject,
  someSignoffs,
  EMAIL,
  type DependencyInput,
  type MilestoneInput,
  type PromiseInput,
  type RecordInput,
} from '../builders/record';

/**
 * Properties of the pure core over generated records: valid-shaped ones (random lists, dates,
 * blackouts, exclusions and blocks) and junk. Run counts keep the whole file well under 10 s.
 */

const FIRST_DAY = parseIsoDay('2026-10-01') ?? 0;

// ---- generators of valid-shaped records ---------------------------------------------------

/** Absolute dates over ~8 months, weekends and blackout days included. */
const isoDate = fc.integer({ min: 0, max: 240 }).map((n) => formatIsoDay(FIRST_DAY + n));
const offset = fc
  .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 40 }), fc.constantFrom('d', 'bd', 'w'))
  .map(([sign, n, unit]) => `${sign}${n}${unit}`);
const relativeTo = (anchors: readonly string[]) =>
  fc.tuple(fc.constantFrom(...anchors), fc.option(offset, { nil: '' })).map(([anchor, by]) => `${anchor}${by}`);
const dateOn = (anchors: readonly string[]) => fc.oneof(isoDate, relativeTo(anchors));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const owner = fc.constantFrom(
  'delivery-owner',
  'comms-owner',
  'success-owner',
  'technical-lead',
  EMAIL.delivery,
  'someone@vendor.example',
);
const text = fc.constantFrom(
  'Import history',
  'SSO',
  'Training | admins',
  'A'.repeat(300),
  'Ü-Umlaut & emoji 😀',
  'Two\nlines',
);
const blackout = fc
  .tuple(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 20 }))
  .map(([from, length]) => ({ from: formatIsoDay(FIRST_DAY + from), to: formatIsoDay(FIRST_DAY + from + length) }));

const counts = fc.record({
  milestones: fc.integer({ min: 0, max: 3 }),
  promises: fc.integer({ min: 0, max: 5 }),
  dependencies: fc.integer({ min: 0, max: 4 }),
  risks: fc.integer({ min: 0, max: 3 }),
  questions: fc.integer({ min: 0, max: 3 }),
});

/** Each list of `n` entries built by `entry(i)`. */
const listOf = <T>(n: number, entry: (i: number) => fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  fc.tuple(...Array.from({ length: n }, (_, i) => entry(i)));

const BUILT_IN = ['kickoff', 'goLive', 'contractStart'] as const;

const validRecord: fc.Arbitrary<RecordInput> = counts.chain((n) => {
  const milestoneIds = Array.from({ length: n.milestones }, (_, i) => `m${i}`);
  const promiseIds = Array.from({ length: n.promises }, (_, i) => `p${i}`);
  const dependencyIds = Array.from({ length: n.dependencies }, (_, i) => `d${i}`);
  const anchors = [...BUILT_IN, ...milestoneIds];

  // A milestone hangs on a built-in anchor or an earlier milestone: never a circle.
  const milestone = (i: number): fc.Arbitrary<MilestoneInput> =>
    dateOn([...BUILT_IN, ...milestoneIds.slice(0, i)]).map((due) =>
      aMilestone({ id: `m${i}`, name: `Milestone ${i}`, due }),
    );

  const promise = (i: number): fc.Arbitrary<PromiseInput> =>
    fc.oneof(
      fc
        .record({ reason: fc.constant('Not sold.'), sourced: fc.boolean() })
        .map(({ reason, sourced }) =>
          anExcludedPromise({ id: `p${i}`, excluded: reason, source: sourced ? { kind: 'demo' } : undefined }),
        ),
      fc
        .record({
          title: text,
          owner: maybe(owner),
          due: maybe(dateOn(anchors)),
          sourced: fc.boolean(),
          milestone: milestoneIds.length ? maybe(fc.constantFrom(...milestoneIds)) : fc.constant(undefined),
          late: fc.boolean(),
        })
        .map(({ title, owner: o, due, sourced, milestone: m, late }) =>
          aPromise({
            id: `p${i}`,
            title,
            owner: o,
            due,
            milestone: m,
            source: sourced ? { kind: 'proposal' } : undefined,
            afterGoLiveReason: late ? 'Hypercare.' : undefined,
          }),
        ),
    );

  // d_i blocks promises, milestones and only later dependencies: blocks never form a circle.
  const dependency = (i: number): fc.Arbitrary<DependencyInput> =>
    fc
      .record({
        side: fc.constantFrom('internal', 'customer', 'vendor'),
        owner: maybe(fc.oneof(owner, fc.constant(EMAIL.customerOwner))),
        chaser: maybe(owner),
        due: maybe(dateOn(anchors)),
        blocks: maybe(fc.subarray([...promiseIds, ...milestoneIds, ...dependencyIds.slice(i + 1)])),
        title: text,
      })
      .map((d) => aDependency({ id: `d${i}`, ...d }));

  return fc
    .record({
      scenario: fc.constantFrom(...SCENARIOS),
      contractStart: isoDate,
      termMonths: maybe(fc.integer({ min: 1, max: 36 })),
      kickoff: maybe(fc.oneof(isoDate, relativeTo(['contractStart']))),
      goLive: maybe(fc.oneof(isoDate, relativeTo(['kickoff', 'contractStart']))),
      blackouts: fc.array(blackout, { maxLength: 3 }),
      milestones: listOf(n.milestones, milestone),
      promises: listOf(n.promises, promise),
      dependencies: listOf(n.dependencies, dependency),
      risks: listOf(n.risks, (i) =>
        fc
          .record({ owner: maybe(owner), due: maybe(dateOn(anchors)), accepted: fc.boolean(), title: text })
          .map(({ accepted, ...r }) => aRisk({ id: `r${i}`, ...r, accepted: accepted ? 'Accepted.' : undefined })),
      ),
      questions: listOf(n.questions, (i) =>
        fc
          .record({ owner: maybe(owner), due: maybe(dateOn(anchors)), answered: fc.boolean() })
          .map(({ answered, ...q }) => aQuestion({ id: `q${i}`, ...q, answer: answered ? 'Yes.' : undefined })),
      ),
      roles: fc.subarray([...PEOPLE_ROLES]),
      approved: fc.boolean(),
      signed: fc.subarray(['sales', 'operations', 'delivery'] as const),
      blockedBy: fc.array(fc.constantFrom('No tenant yet.', 'SOW unsigned.'), { maxLength: 2 }),
      billingStart: maybe(fc.oneof(isoDate, relativeTo(['kickoff']))),
      transferFrom: maybe(fc.constantFrom(EMAIL.delivery, 'old@vendor.example')),
    })
    .map((g): RecordInput => {
      const all = someSignoffs();
      return aRecord({
        scenario: g.scenario,
        deal: aDeal({ contract: { start: g.contractStart, termMonths: g.termMonths }, billingStart: g.billingStart }),
        timeline: aTimeline({ kickoff: g.kickoff, goLive: g.goLive, milestones: g.milestones, blackouts: g.blackouts }),
        people: Object.fromEntries(g.roles.map((role) => [role, `${role}@vendor.example`])),
        promises: g.promises,
        dependencies: g.dependencies,
        risks: g.risks,
        questions: g.questions,
        exceptions: [anException({ approvedBy: g.approved ? EMAIL.cfo : undefined })],
        signoffs: {
          sales: g.signed.includes('sales') ? all.sales : undefined,
          operations: g.signed.includes('operations') ? all.operations : undefined,
          delivery: g.signed.includes('delivery')
            ? {
                by: EMAIL.delivery,
                at: '2026-11-30',
                ...(g.blockedBy.length ? { status: 'blocked', blockers: g.blockedBy } : { status: 'ready' }),
              }
            : undefined,
        },
        transfer: g.transferFrom
          ? { from: g.transferFrom, to: 'new@vendor.example', effective: 'kickoff', note: 'Notes.' }
          : undefined,
      });
    });
});

function valid(input: RecordInput): HandoffRecord {
  const result = validateRecord(input);
  if (!result.ok) throw new Error(`generated record is invalid: ${JSON.stringify(result.problems)}`);
  return result.value;
}

const today = isoDate;
const target = fc.constantFrom('jira' as const, 'asana' as const);
const TOP_LEVEL = Object.keys(recordShape.shape);

// ---- generators of junk ----------------------------------------------------------------------

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 4,
});

/** Every path into a value: `['promises', 0, 'due']` and so on. */
function pathsInto(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i): [number, unknown] => [i, v])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...prefix, key], ...pathsInto(child, [...prefix, key])]);
}

/** A copy of `value` with the node at `path` replaced (or removed, for `undefined`). */
function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value) && typeof head === 'number')
    return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (isObject(value) && typeof head === 'string')
    return { ...value, [head]: replaceAt(value[head], rest, replacement) };
  return value;
}

/** A valid record with one node anywhere in it replaced by junk or removed. */
const mutatedRecord = fc
  .tuple(validRecord, fc.nat(), fc.oneof(anything, fc.constant(undefined), fc.string(), isoDate))
  .map(([record, pick, junk]) => {
    const paths = pathsInto(record);
    return replaceAt(record, paths[pick % paths.length] ?? [], junk);
  });

const YAML_TOKENS = [
  'version: 1\n',
  'id: x\n',
  'title: T\n',
  'scenario: core\n',
  'customer:\n',
  '  company: C\n',
  'promises:\n',
  '  - id: a\n',
  '    title: A\n',
  '    due: kickoff+1bd\n',
  'timeline: { kickoff: 2026-12-07 }\n',
  ' ',
  '\n',
  '- ',
  ': ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '? ',
  '|\n',
  '>\n',
  '&a ',
  '!!str ',
  '!!binary ',
  '!tag ',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  '\t',
  'null',
  '~',
  '2026-02-30',
  '0x1F',
  '.inf',
  '<<: ',
  '\\u0000',
  'é',
];
// Aliases (`*a`) are left out: readRecord throws on an undefined alias (see read-record.test.ts).
const yamlish = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 30 }).map((tokens) => tokens.join(''));

// ---- properties -------------------------------------------------------------------------------

describe('reading never throws', () => {
  it('validateRecord returns a result for anything', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const result = validateRecord(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('validateRecord returns a result for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(typeof validateRecord(value).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  const noAlias = (text: string) => text.replaceAll('*', '');

  it('readRecord returns a result for any string and any YAML-ish text (without aliases)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string().map(noAlias), fc.string({ unit: 'binary' }).map(noAlias), yamlish), (text) => {
        const result = readRecord(text);
        if (!result.ok) for (const p of result.problems) expect(typeof p.message).toBe('string');
      }),
      { numRuns: 400 },
    );
  });

  it('readRecord returns a result for any string at all, aliases included', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        readRecord(text);
      }),
      { numRuns: 200, examples: [['*!']] },
    );
  });

  it('a valid record with any one node replaced or removed is read, and if still valid, gated and planned', () => {
    fc.assert(
      fc.property(mutatedRecord, today, (input, day) => {
        const result = validateRecord(input);
        if (!result.ok) {
          for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
          return;
        }
        evaluateGate(result.value, { today: day });
        buildPlan(result.value, { target: 'jira' });
      }),
      { numRuns: 300 },
    );
  });

  it('a mutated record written as JSON is read without throwing', () => {
    fc.assert(
      fc.property(mutatedRecord, (input) => {
        const json = JSON.stringify(input, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
        if (json !== undefined) readRecord(json);
      }),
      { numRuns: 150 },
    );
  });
});

describe('valid-shaped records', () => {
  it('the generator makes valid records, and YAML or JSON text of them reads back to the same record', () => {
    fc.assert(
      fc.property(validRecord, (input) => {
        const record = valid(input);
        expect(readRecord(stringify(input))).toEqual({ ok: true, value: record });
        expect(readRecord(JSON.stringify(input))).toEqual({ ok: true, value: record });
      }),
      { numRuns: 150 },
    );
  });

  it('the gate never throws, and says go exactly when there is no blocker', () => {
    fc.assert(
      fc.property(validRecord, today, (input, day) => {
        const gate = evaluateGate(valid(input), { today: day });
        expect(gate.decision === 'go').toBe(gate.blockers.length === 0);
      }),
      { numRuns: 200 },
    );
  });

  it('every finding has a path that starts with a top-level field of the record, and a message', () => {
    fc.assert(
      fc.property(validRecord, today, (input, day) => {
        const gate = evaluateGate(valid(input), { today: day });
        for (const finding of [...gate.blockers, ...gate.warnings]) {
          expect(finding.path).not.toBe('');
          expect(TOP_LEVEL).toContain(finding.path.split(/[.[]/)[0]);
          expect(finding.message.trim().length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a directory that knows everyone adds no blocker; one that knows nobody only adds blockers', () => {
    const all: PersonDirectory = { trackerName: 'Jira', isKnown: () => true };
    const none: PersonDirectory = { trackerName: 'Jira', isKnown: () => false };
    fc.assert(
      fc.property(validRecord, (input) => {
        const record = valid(input);
        const plain = evaluateGate(record, { today: '2026-12-01' });
        expect(evaluateGate(record, { today: '2026-12-01', people: all })).toEqual(plain);
        const strict = evaluateGate(record, { today: '2026-12-01', people: none });
        expect(strict.blockers).toEqual(expect.arrayContaining(plain.blockers));
      }),
      { numRuns: 100 },
    );
  });

  it('buildPlan is deterministic: an equal record gives an equal plan and hash', () => {
    fc.assert(
      fc.property(validRecord, target, (input, t) => {
        // Two separately validated copies, so no cache can make the answer trivially equal.
        const first = buildPlan(valid(input), { target: t });
        const second = buildPlan(valid(structuredClone(input)), { target: t });
        expect(second).toEqual(first);
        expect(second.hash).toBe(first.hash);
      }),
      { numRuns: 150 },
    );
  });

  it('every planned promise is one item, every excluded one is one exclusion, and nothing else is', () => {
    fc.assert(
      fc.property(validRecord, target, (input, t) => {
        const record = valid(input);
        const plan = buildPlan(record, { target: t });
        const promiseItems = plan.items.filter((i) => i.kind === 'promise').map((i) => i.itemId);
        const excluded = plan.exclusions.map((e) => e.itemId);
        for (const p of record.promises ?? []) {
          const id = `${record.id}/promise/${p.id}`;
          expect(promiseItems.filter((x) => x === id)).toHaveLength(p.excluded ? 0 : 1);
          expect(excluded.filter((x) => x === id)).toHaveLength(p.excluded ? 1 : 0);
        }
        expect(promiseItems.length + excluded.length).toBe(record.promises?.length ?? 0);
      }),
      { numRuns: 200 },
    );
  });

  it('item ids are unique, the parent comes first, and blocks point at existing later items', () => {
    fc.assert(
      fc.property(validRecord, target, (input, t) => {
        const plan: Plan = buildPlan(valid(input), { target: t });
        const position = new Map(plan.items.map((item, n) => [item.itemId, n]));
        expect(position.size).toBe(plan.items.length);
        expect(plan.items[0]?.kind).toBe('parent');
        expect(plan.items.filter((i) => i.kind === 'parent')).toHaveLength(1);
        for (const item of plan.items) {
          for (const blocked of item.blocks) {
            expect(position.has(blocked)).toBe(true);
            expect(position.get(blocked)).toBeGreaterThan(position.get(item.itemId) ?? Infinity);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every dependency of the record is planned exactly once', () => {
    fc.assert(
      fc.property(validRecord, (input) => {
        const record = valid(input);
        const plan = buildPlan(record, { target: 'jira' });
        const planned = plan.items
          .filter((i) => i.kind === 'dependency')
          .map((i) => i.itemId)
          .sort();
        expect(planned).toEqual((record.dependencies ?? []).map((d) => `${record.id}/dependency/${d.id}`).sort());
      }),
      { numRuns: 150 },
    );
  });

  it('plans are plain JSON data and Jira summaries fit in 255 characters', () => {
    fc.assert(
      fc.property(validRecord, target, (input, t) => {
        const plan = buildPlan(valid(input), { target: t });
        expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
        if (t === 'jira') for (const item of plan.items) expect(item.summary.length).toBeLessThanOrEqual(255);
      }),
      { numRuns: 150 },
    );
  });

  it('the hash follows the items: a changed due date changes it', () => {
    fc.assert(
      fc.property(validRecord, (input) => {
        const record = valid(input);
        const planned = (record.promises ?? []).find((p) => !p.excluded && p.due);
        fc.pre(planned !== undefined);
        const base = buildPlan(record, { target: 'jira' });
        const item = base.items.find((i) => i.itemId === `${record.id}/promise/${planned?.id}`);
        fc.pre(item?.due != null);
        const moved = valid({
          ...input,
          promises: (input.promises ?? []).map((p) => (p.id === planned?.id ? { ...p, due: '2030-01-02' } : p)),
        });
        const after = buildPlan(moved, { target: 'jira' });
        if (item?.due !== '2030-01-02') expect(after.hash).not.toBe(base.hash);
      }),
      { numRuns: 100 },
    );
  });
});
