import { z } from 'zod';
import { recordShape } from './record';

type JsonSchema = z.core.JSONSchema.JSONSchema;

let cached: JsonSchema | undefined;

/** The record's JSON Schema, which is also what editors autocomplete from. */
export function recordJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(recordShape, { io: 'input', unrepresentable: 'any' });
  return cached;
}

/** The field names the schema allows in the object at `path` (for "did you mean …?"). */
export function allowedKeys(path: readonly PropertyKey[]): string[] {
  let node: JsonSchema | boolean | undefined = recordJsonSchema();
  for (const segment of path) {
    if (typeof node !== 'object') return [];
    const items: JsonSchema | boolean | undefined = Array.isArray(node.items) ? undefined : node.items;
    node = typeof segment === 'number' ? items : node.properties?.[String(segment)];
  }
  return typeof node === 'object' ? Object.keys(node.properties ?? {}) : [];
}
