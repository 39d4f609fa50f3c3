import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createPathMatcher, type PathMatch } from './path-matcher';
import { describeOperation, toPointer, type OperationInfo, type ResponseInfo, type SchemaAt } from './operation-index';
import { schemaView, type Direction } from './schema-view';
import { serverBasePath, type OpenApiDocument } from './spec-document';

export type RequestInput = { query?: Record<string, string | string[] | undefined>; body?: unknown };

export type OpenApiValidator = {
  /** The operation a concrete (or template) path and method name, if the spec has it. */
  match(method: string, path: string): (PathMatch & { operation: OperationInfo }) | undefined;
  /** Every way the request breaks the spec; empty when the real API would accept its shape. */
  validateRequest(method: string, path: string, input: RequestInput): string[];
  /** Every way the response breaks the spec, an undocumented status included. */
  validateResponse(method: string, path: string, status: number, body: unknown): string[];
  /**
   * Whether the response's `Content-Type` (null: none) is one the spec declares for that
   * status; a status documented with no content (or a 204) may answer with any, or none.
   */
  validateMediaType(method: string, path: string, status: number, contentType: string | null): string[];
};

const MAX_ERRORS = 20;

/**
 * A validator over one OpenAPI 3.0 document. Nothing is compiled up front: each schema is
 * compiled the first time an operation needs it and cached, so the first request of a
 * 2.4 MB spec costs tens of milliseconds, not seconds.
 */
export function createOpenApiValidator(doc: OpenApiDocument): OpenApiValidator {
  const matchPath = createPathMatcher(Object.keys(doc.paths), serverBasePath(doc));
  const operations = new Map<string, OperationInfo | undefined>();
  const compiled = new Map<string, ValidateFunction>();
  // Bodies are checked as sent; query strings arrive as text, so that instance coerces.
  const bodies = lazyAjv(doc, false);
  const params = lazyAjv(doc, true);

  function match(method: string, path: string) {
    const found = matchPath(path);
    if (!found) return undefined;
    const key = `${method.toLowerCase()} ${found.template}`;
    if (!operations.has(key)) operations.set(key, describeOperation(doc, found.template, method));
    const operation = operations.get(key);
    return operation ? { ...found, operation } : undefined;
  }

  function check(kind: 'body' | 'params', direction: Direction, at: SchemaAt, data: unknown, label: string): string[] {
    const key = `${kind} ${direction} ${at.join('/')}`;
    let validate = compiled.get(key);
    if (!validate) {
      const ref = { $ref: `${direction}${toPointer(at)}` };
      // A parameter is wrapped in an object so that ajv can coerce it in place.
      const schema = kind === 'body' ? ref : { type: 'object', properties: { value: ref } };
      validate = (kind === 'body' ? bodies : params)(direction).compile(schema);
      compiled.set(key, validate);
    }
    return validate(data) ? [] : formatErrors(validate.errors ?? [], label);
  }

  return {
    match,
    validateRequest(method, path, { query = {}, body }) {
      const found = match(method, path);
      if (!found) return [`${method.toUpperCase()} ${path} is not an operation of the spec`];
      const { operation } = found;
      const errors = [...checkParameters(operation, found.params, query, check)];
      const declared = operation.requestBody;
      if (body === undefined) {
        if (declared?.required) errors.push('request body is required');
      } else if (!declared) {
        errors.push('request body is not expected by this operation');
      } else if (declared.json?.schema && !declared.json.acceptsAnything) {
        errors.push(...check('body', 'request', declared.json.schema, body, 'request body'));
      }
      return errors;
    },
    validateResponse(method, path, status, body) {
      const found = match(method, path);
      if (!found) return [`${method.toUpperCase()} ${path} is not an operation of the spec`];
      const { responses, template } = found.operation;
      const response = documented(responses, status);
      if (!response) {
        return [
          `status ${status} is not documented for ${method.toUpperCase()} ` +
            `${template} (documented: ${[...responses.keys()].join(', ')})`,
        ];
      }
      const json = response.json;
      if (!json?.schema || json.acceptsAnything) return [];
      if (body === undefined) return [`response ${status} must have a JSON body`];
      return check('body', 'response', json.schema, body, `response ${status} body`);
    },
    validateMediaType(method, path, status, contentType) {
      // A 204 or 304 has no content by HTTP's definition, whatever media type the spec lists for it.
      if (status === 204 || status === 304) return [];
      const declared = documented(match(method, path)?.operation.responses, status)?.mediaTypes ?? [];
      if (declared.length === 0) return [];
      const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (declared.some((wanted) => mediaTypeMatches(wanted, type))) return [];
      return [
        `response ${status} has ${type ? `media type ${type}` : 'no media type'}; ` +
          `the spec declares ${declared.join(', ')}`,
      ];
    },
  };
}

/** The response documented for a status: exactly, by its class (`4XX`), or the default. */
function documented(responses: Map<string, ResponseInfo> | undefined, status: number): ResponseInfo | undefined {
  return responses?.get(String(status)) ?? responses?.get(`${String(status)[0]}XX`) ?? responses?.get('DEFAULT');
}

/** `application/json` matches itself, `application/*` and `*\/*`. */
function mediaTypeMatches(declared: string, actual: string): boolean {
  if (actual === '') return false;
  const [type, subtype] = declared.split('/');
  const [actualType] = actual.split('/');
  return declared === actual || declared === '*/*' || (subtype === '*' && type === actualType);
}

type Check = (kind: 'body' | 'params', direction: Direction, at: SchemaAt, data: unknown, label: string) => string[];

/** Path and query parameters, each checked against its own schema after the spec's splitting rules. */
function checkParameters(
  operation: OperationInfo,
  pathParams: Record<string, string>,
  query: NonNullable<RequestInput['query']>,
  check: Check,
): string[] {
  const errors: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' && parameter.in !== 'path') continue;
    const raw = parameter.in === 'path' ? pathParams[parameter.name] : query[parameter.name];
    if (raw === undefined) {
      if (parameter.required) errors.push(`${parameter.in} parameter '${parameter.name}' is required`);
      continue;
    }
    if (!parameter.schema) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    const value = parameter.commaSeparated
      ? values.flatMap((v) => v.split(','))
      : values.length === 1
        ? values[0]
        : values;
    errors.push(
      ...check('params', 'request', parameter.schema, { value }, `${parameter.in} parameter '${parameter.name}'`).map(
        (e) => e.replace('/value', ''),
      ),
    );
  }
  return errors;
}

/** One ajv per role, given the document's view for a direction the first time it is asked for. */
function lazyAjv(doc: OpenApiDocument, coerce: boolean): (direction: Direction) => Ajv {
  let ajv: Ajv | undefined;
  const added = new Set<Direction>();
  return (direction) => {
    ajv ??= createAjv(coerce);
    if (!added.has(direction)) {
      ajv.addSchema(schemaView(doc, direction), direction);
      added.add(direction);
    }
    return ajv;
  };
}

function createAjv(coerce: boolean): Ajv {
  // strict off: OpenAPI keywords (example, xml, discriminator, x-*) are not JSON Schema.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    coerceTypes: coerce ? 'array' : false,
  });
  addFormats.default(ajv);
  return ajv;
}

function formatErrors(errors: ErrorObject[], label: string): string[] {
  // "must match else schema" only repeats the errors of the nullable wrapper's `else` (schema-view.ts).
  const lines = errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const where = `${label}${error.instancePath}`;
      if (error.keyword === 'false schema') return `${where} must not be present (readOnly/writeOnly in the spec)`;
      const extra =
        typeof error.params.additionalProperty === 'string'
          ? ` '${error.params.additionalProperty}'`
          : Array.isArray(error.params.allowedValues)
            ? ` (${error.params.allowedValues.map(String).join(', ')})`
            : '';
      return `${where} ${error.message ?? error.keyword}${extra}`;
    });
  // allOf/anyOf branches repeat the same complaint; say each once.
  return [...new Set(lines)].slice(0, MAX_ERRORS);
}
