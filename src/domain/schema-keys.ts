import { z } from 'zod';
import { recordShape } from './record.ts';

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema };

let cached: JsonSchema | undefined;

/** The record's JSON Schema, which is also what editors autocomplete from. */
export function recordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(recordShape, { io: 'input', unrepresentable: 'any' });
}

/** The field names the schema allows in the object at `path` (for "did you mean …?"). */
export function allowedKeys(path: readonly PropertyKey[]): string[] {
  cached ??= z.toJSONSchema(recordShape, { io: 'input', unrepresentable: 'any' });
  let node: JsonSchema | undefined = cached;
  for (const segment of path) {
    node = typeof segment === 'number' ? node?.items : node?.properties?.[String(segment)];
  }
  return Object.keys(node?.properties ?? {});
}
