import { recordJsonSchema } from './schema-keys';

export const SCHEMA_FILE = 'schema/handoff.schema.json';

/** The committed JSON Schema's exact text, so a test can tell when it is stale. */
export function recordSchemaText(): string {
  const schema = {
    ...recordJsonSchema(),
    title: 'Handoff record',
    description: 'A sales → delivery handoff record (see README). Validate with `npx handoff validate FILE`.',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
