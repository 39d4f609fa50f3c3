import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordSchemaText, SCHEMA_FILE } from '../../src/domain/record/record-schema-file';

describe(SCHEMA_FILE, () => {
  it('matches the zod record (run `npm run schema` after changing the record)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(recordSchemaText());
  });
});
