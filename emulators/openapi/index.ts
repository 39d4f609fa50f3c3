export { createOpenApiValidator, type OpenApiValidator, type RequestInput } from './validator.ts';
export { readSpecFile, parseSpec, type OpenApiDocument } from './spec-document.ts';
export { createPathMatcher, type PathMatch } from './path-matcher.ts';
export { loadValidator } from './validator-cache.ts';
export type { Erratum } from './spec-errata.ts';
