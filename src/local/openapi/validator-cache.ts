import { resolve } from 'node:path';
import { readSpecFile } from './spec-document.ts';
import { createOpenApiValidator, type OpenApiValidator } from './validator.ts';

const cache = new Map<string, OpenApiValidator>();

/**
 * The validator for a spec file, read and built once per process: every emulator started
 * by a test run shares the schemas it has already compiled.
 */
export function loadValidator(specFile: string): OpenApiValidator {
  const file = resolve(specFile);
  let validator = cache.get(file);
  if (!validator) {
    validator = createOpenApiValidator(readSpecFile(file));
    cache.set(file, validator);
  }
  return validator;
}
