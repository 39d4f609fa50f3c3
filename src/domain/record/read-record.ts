import {
  Composer,
  Document,
  LineCounter,
  Parser,
  YAMLParseError,
  isMap,
  isNode,
  isScalar,
  visit,
  type CST,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { z } from 'zod';
import { recordShape, type HandoffRecord } from './record';
import { checkReferences } from './references';
import { formatPath, type Problem, type Result } from '../problem';
import { closestName } from './closest-name';
import { allowedKeys } from './schema-keys';

/**
 * The record with its cross-references checked (ids unique, every reference resolves). Built
 * here, not in record.ts: the checks use the dates module, which uses the record's types, so
 * record.ts importing them back made an import circle.
 */
const handoffRecord = recordShape.superRefine(checkReferences);

/**
 * Reads a record from YAML or JSON text (JSON is YAML, so one parser gives line numbers for
 * both) and returns the record or every problem, each with its path, line and column.
 */
export function readRecord(text: string): Result<HandoffRecord> {
  const lineCounter = new LineCounter();
  // The syntax tree is built without recursion; the composer recurses, and near the stack's
  // limit V8 can abort the whole process. So nesting deeper than any record is refused first.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deep = tooDeepAt(tokens);
  if (deep !== null)
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `nested more than ${MAX_DEPTH} levels deep; a record needs fewer than ten`,
          ...lineColumn(lineCounter, deep),
        },
      ],
    };
  const doc = composeOne(tokens, text.length);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        ...lineColumn(lineCounter, e.pos[0]),
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved aliases and alias bombs only show when the document is turned into values.
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `YAML: ${error instanceof Error ? error.message : String(error)}`,
          ...nodePosition([], { doc, lineCounter }),
        },
      ],
    };
  }
  return validateRecord(value, { doc, lineCounter });
}

/** Far deeper than a record (about six levels), far shallower than the composer's stack. */
const MAX_DEPTH = 100;

/** The offset of the first collection nested more than MAX_DEPTH deep, walked without recursion. */
function tooDeepAt(tokens: readonly CST.Token[]): number | null {
  const pending = tokens.map((token) => ({ token, depth: 0 }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') {
      if (token.value) pending.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        if (item.key) pending.push({ token: item.key, depth: depth + 1 });
        if (item.value) pending.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** What `parseDocument` does, from the tokens already parsed: the first document, and an error if there is another. */
function composeOne(tokens: readonly CST.Token[], length: number): Document {
  let first: Document | undefined;
  // The composer's own unique-key check compares every key with every other (50,000 keys: 11 s);
  // duplicateKeys does the same check in one pass.
  for (const doc of new Composer({ prettyErrors: false, uniqueKeys: false }).compose(tokens, true, length)) {
    if (!first) first = doc;
    else {
      first.errors.push(
        new YAMLParseError(
          [doc.range[0], doc.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  // `compose(…, forceDoc = true)` always yields a document, an empty one for empty text.
  const doc = first ?? new Document();
  doc.errors.push(...duplicateKeys(doc));
  return doc;
}

/** "Map keys must be unique", at each repeated key, as the composer says it with `uniqueKeys: true`. */
function duplicateKeys(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value))
          errors.push(
            new YAMLParseError([key.range?.[0] ?? 0, key.range?.[1] ?? 0], 'DUPLICATE_KEY', 'Map keys must be unique'),
          );
        seen.add(key.value);
      }
    },
  });
  return errors;
}

type Source = { doc: Document; lineCounter: LineCounter };
type Segment = string | number;

/** Validates an already-parsed value (e.g. from Forge storage); `source` adds line numbers. */
export function validateRecord(value: unknown, source?: Source): Result<HandoffRecord> {
  const notAMapping = notARecord(value);
  if (notAMapping)
    return {
      ok: false,
      problems: [{ path: '', message: notAMapping, ...(source ? nodePosition([], source) : {}) }],
    };
  // The input is reported so a wrong type reads as wrong, not as missing ("id: 5" is not "id is required").
  const parsed = handoffRecord.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, source)) };
}

function toProblems(issue: z.core.$ZodIssue, source?: Source): Problem[] {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = closestName(key, allowedKeys(path));
      return {
        path: formatPath([...path, key]),
        message: `unknown field "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
        ...(source ? keyPosition(path, key, source) : {}),
      };
    });
  }
  return [{ path: formatPath(path), message: describe(issue), ...(source ? nodePosition(path, source) : {}) }];
}

/** A file that is empty, only comments, a list or a single value holds no record at all: say what one is. */
function notARecord(value: unknown): string | null {
  const holds = value === undefined || value === null ? 'nothing' : kindOf(value);
  if (holds === 'a mapping') return null;
  return (
    `a record is a mapping of fields — version: 1, id, title, scenario, customer, then promises, ` +
    `dependencies and the rest — but this holds ${holds}`
  );
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type')
    return issue.input === undefined
      ? 'is required'
      : `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}`;
  if (issue.code === 'invalid_value')
    return `${issue.input === undefined ? 'is required: ' : ''}must be one of: ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

const EXPECTED: Partial<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

/** How a value a record cannot use is named in a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Date) return 'a date-time';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null) return 'a mapping';
  }
  return 'a value';
}

/** Where the misspelt key itself is written. */
function keyPosition(parent: Segment[], key: string, { doc, lineCounter }: Source) {
  const map = parent.length ? doc.getIn(parent, true) : doc.contents;
  const pair = isMap(map) ? pairsByKey(map).get(key) : undefined;
  if (pair && isNode(pair.key)) return lineColumn(lineCounter, pair.key.range?.[0]);
  return nodePosition(parent, { doc, lineCounter });
}

/** A map's pairs by key, indexed once: thousands of unknown keys are found in linear time, not quadratic. */
const pairIndexes = new WeakMap<YAMLMap, Map<unknown, Pair>>();
function pairsByKey(map: YAMLMap): Map<unknown, Pair> {
  const known = pairIndexes.get(map);
  if (known) return known;
  const index = new Map<unknown, Pair>();
  for (const pair of map.items) if (isScalar(pair.key) && !index.has(pair.key.value)) index.set(pair.key.value, pair);
  pairIndexes.set(map, index);
  return index;
}

/** The deepest node of the path that exists: a missing field is reported where its parent is. */
function nodePosition(path: Segment[], { doc, lineCounter }: Source) {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return lineColumn(lineCounter, node.range?.[0]);
  }
  // An empty file (or only comments) has no node: its problems are at its start.
  return isNode(doc.contents) ? lineColumn(lineCounter, doc.contents.range?.[0]) : { line: 1, column: 1 };
}

function lineColumn(lineCounter: LineCounter, offset: number | undefined) {
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
