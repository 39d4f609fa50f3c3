import { z } from 'zod';
import { recordShape } from '../../../../src/domain/record/record';
import type { Segment } from '../field-path';

/** What the record's schema says about one field: its choices, its help text, whether it is a number. */
export type FieldInfo = { options: readonly string[] | null; description: string | null; number: boolean };

const NONE: FieldInfo = { options: null, description: null, number: false };

/**
 * Reads a field's facts off the zod record itself, so the form's choices and hints are the
 * schema's own (a new scenario or severity appears in the panel with no change here).
 */
export function fieldInfo(path: readonly Segment[]): FieldInfo {
  let current: Unwrapped = unwrap(recordShape);
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    let schema = current.schema;
    if (schema instanceof z.ZodArray) schema = unwrap(schema.element).schema;
    if (!(schema instanceof z.ZodObject) || !Object.hasOwn(schema.shape, segment)) return NONE;
    current = unwrap(schema.shape[segment]);
  }
  const { schema, description } = current;
  const element = schema instanceof z.ZodArray ? unwrap(schema.element).schema : schema;
  return {
    options: element instanceof z.ZodEnum ? element.options.map(String) : null,
    description,
    number: schema instanceof z.ZodNumber,
  };
}

type Unwrapped = { schema: z.core.$ZodType; description: string | null };

/** Looks through optional and preprocess wrappers; the help text may sit on any layer. */
function unwrap(start: z.core.$ZodType): Unwrapped {
  let schema = start;
  let description = z.globalRegistry.get(schema)?.description ?? null;
  for (;;) {
    if (schema instanceof z.ZodOptional) schema = schema.unwrap();
    else if (schema instanceof z.ZodPipe) schema = schema.out;
    else return { schema, description };
    description ??= z.globalRegistry.get(schema)?.description ?? null;
  }
}
