// Writes schema/handoff.schema.json from the zod record, so editors autocomplete record files.
// A unit test fails when the committed file is stale: run `npm run schema` after changing the record.
import { writeFileSync } from 'node:fs';
import { recordSchemaText, SCHEMA_FILE } from '../src/domain/record/record-schema-file';

writeFileSync(new URL(`../${SCHEMA_FILE}`, import.meta.url), recordSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
