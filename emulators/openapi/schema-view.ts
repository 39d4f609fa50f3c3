/**
 * OpenAPI 3.0 schemas are not quite JSON Schema. Before ajv sees the document we rewrite a
 * copy of it for one direction of travel:
 *
 * - `nullable: true` adds `null` to `type` (ajv does that itself) and to `enum` (it does
 *   not); `nullable` without `type` means nothing in OpenAPI 3.0 and would make ajv throw.
 * - An `allOf` one of whose branches says `nullable: true` may be null as a whole: that is
 *   how the Asana spec marks a nullable reference (`assignee: allOf [UserCompact,
 *   {nullable: true}]`), and the API does send `"assignee": null`.
 * - `readOnly` properties are never required in a request, `writeOnly` ones never in a
 *   response, and a response must not carry a `writeOnly` property at all.
 *
 * `discriminator`, `example`, `xml` and `x-*` stay: ajv ignores unknown keywords when
 * `strict` is off, and `oneOf` still decides.
 */
export type Direction = 'request' | 'response';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function schemaView(document: unknown, direction: Direction): { [key: string]: Json } {
  const view = rewrite(toJson(document), direction);
  if (!isObject(view)) throw new Error('an OpenAPI document is an object');
  return view;
}

function rewrite(node: Json, direction: Direction): Json {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, direction));
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewrite(value, direction);
  rewriteNullable(out);
  rewriteAccess(out, direction);
  // `if`/`else` rather than `anyOf`, so that a wrong value gets the schema's complaints, not "must be null".
  return hasNullableBranch(node) ? { if: { type: 'null' }, else: out } : out;
}

function hasNullableBranch(schema: { [key: string]: Json }): boolean {
  return Array.isArray(schema.allOf) && schema.allOf.some((branch) => isObject(branch) && branch.nullable === true);
}

function rewriteNullable(schema: { [key: string]: Json }): void {
  if (schema.nullable !== true) return;
  if (schema.type === undefined) {
    delete schema.nullable;
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}

function rewriteAccess(schema: { [key: string]: Json }, direction: Direction): void {
  const properties = schema.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const hiddenNames = Object.entries(properties)
    .filter(([, property]) => isObject(property) && property[hidden] === true)
    .map(([name]) => name);
  if (hiddenNames.length === 0) return;
  if (Array.isArray(schema.required)) {
    schema.required = schema.required.filter((name) => typeof name !== 'string' || !hiddenNames.includes(name));
  }
  // A write-only property (a password, a create-only list) must never come back.
  if (direction === 'response') for (const name of hiddenNames) properties[name] = false;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The spec arrives as parsed JSON/YAML; anything else (a Date from YAML) becomes text. */
function toJson(value: unknown): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  }
  return null;
}
