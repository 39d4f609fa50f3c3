export { createOpenApiValidator, type OpenApiValidator, type RequestInput } from './validator';
export { readSpecFile, parseSpec, type OpenApiDocument } from './spec-document';
export { createPathMatcher, type PathMatch } from './path-matcher';
export { loadValidator } from './validator-cache';
export type { Erratum } from './spec-errata';
