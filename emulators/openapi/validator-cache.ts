import { resolve } from 'node:path';
import { applyErrata, type Erratum } from './spec-errata';
import { readSpecFile } from './spec-document';
import { createOpenApiValidator, type OpenApiValidator } from './validator';

const cache = new Map<string, OpenApiValidator>();

/**
 * The validator for a spec file (with an emulator's errata applied), read and built once
 * per process: every emulator started by a test run shares the schemas it has already
 * compiled.
 */
export function loadValidator(specFile: string, errata: readonly Erratum[] = []): OpenApiValidator {
  const key = `${resolve(specFile)}\n${JSON.stringify(errata.map((e) => e.at))}`;
  let validator = cache.get(key);
  if (!validator) {
    validator = createOpenApiValidator(applyErrata(readSpecFile(resolve(specFile)), errata));
    cache.set(key, validator);
  }
  return validator;
}
