import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { handoffRecord, type HandoffRecord } from './record.ts';
import { formatPath, type Problem, type Result } from './problem.ts';
import { closestName } from './closest-name.ts';
import { allowedKeys } from './schema-keys.ts';

/**
 * Reads a record from YAML or JSON text (JSON is YAML, so one parser gives line numbers for
 * both) and returns the record or every problem, each with its path, line and column.
 */
export function readRecord(text: string): Result<HandoffRecord> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
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
    return { ok: false, problems: [{ path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}`, ...nodePosition([], { doc, lineCounter }) }] };
  }
  return validateRecord(value, { doc, lineCounter });
}

type Source = { doc: Document; lineCounter: LineCounter };
type Segment = string | number;

/** Validates an already-parsed value (e.g. from Forge storage); `source` adds line numbers. */
export function validateRecord(value: unknown, source?: Source): Result<HandoffRecord> {
  const parsed = handoffRecord.safeParse(value);
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

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

/** Where the misspelt key itself is written. */
function keyPosition(parent: Segment[], key: string, { doc, lineCounter }: Source) {
  const map = parent.length ? doc.getIn(parent, true) : doc.contents;
  const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
  if (pair && isNode(pair.key)) return lineColumn(lineCounter, pair.key.range?.[0]);
  return nodePosition(parent, { doc, lineCounter });
}

/** The deepest node of the path that exists: a missing field is reported where its parent is. */
function nodePosition(path: Segment[], { doc, lineCounter }: Source) {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return lineColumn(lineCounter, node.range?.[0]);
  }
  return isNode(doc.contents) ? lineColumn(lineCounter, doc.contents.range?.[0]) : {};
}

function lineColumn(lineCounter: LineCounter, offset: number | undefined) {
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
