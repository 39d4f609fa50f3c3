import type { OpenApiDocument } from './spec-document';

/** Where a schema sits in the document, as JSON pointer segments from its root. */
export type SchemaAt = readonly string[];

export type ParameterInfo = {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema?: SchemaAt;
  /** `style: form, explode: false`: one value, comma-separated (`fields=summary,status`). */
  commaSeparated: boolean;
};

export type ContentInfo = { schema?: SchemaAt; acceptsAnything: boolean };

export type OperationInfo = {
  method: string;
  template: string;
  parameters: ParameterInfo[];
  requestBody?: { required: boolean; json?: ContentInfo };
  responses: Map<string, ResponseInfo>;
};

/** One documented response: its JSON schema, and every media type its `content` declares. */
export type ResponseInfo = { json?: ContentInfo; mediaTypes: string[] };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * Reads one operation of the spec: its parameters (path-level and operation-level, `$ref`s
 * to `#/components/parameters` followed), its JSON request body and its responses, each
 * schema kept as a pointer so ajv compiles it in place and its own `$ref`s resolve.
 */
export function describeOperation(doc: OpenApiDocument, template: string, method: string): OperationInfo | undefined {
  const lower = method.toLowerCase();
  const pathItem = doc.paths[template];
  if (!pathItem || !METHODS.includes(lower) || !isRecord(pathItem[lower])) return undefined;
  const base = ['paths', template];
  const operation = follow(doc, pathItem[lower], [...base, lower]);

  const parameters = new Map<string, ParameterInfo>();
  // Operation-level parameters override path-level ones of the same name and place.
  const sources: Array<[unknown, string[]]> = [
    [pathItem.parameters, [...base, 'parameters']],
    [operation.value.parameters, [...operation.at, 'parameters']],
  ];
  for (const [list, at] of sources) {
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const parameter = readParameter(doc, item, [...at, String(i)]);
      if (parameter) parameters.set(`${parameter.in}:${parameter.name}`, parameter);
    });
  }

  const body =
    operation.value.requestBody === undefined
      ? undefined
      : follow(doc, operation.value.requestBody, [...operation.at, 'requestBody']);
  const responses = new Map<string, ResponseInfo>();
  const declared = operation.value.responses;
  if (isRecord(declared)) {
    for (const [status, response] of Object.entries(declared)) {
      const located = follow(doc, response, [...operation.at, 'responses', status]);
      const content = located.value.content;
      responses.set(status.toUpperCase(), {
        json: jsonContent(content, [...located.at, 'content']),
        mediaTypes: isRecord(content) ? Object.keys(content).map((type) => type.toLowerCase()) : [],
      });
    }
  }
  return {
    method: lower,
    template,
    parameters: [...parameters.values()],
    requestBody: body && {
      required: body.value.required === true,
      json: jsonContent(body.value.content, [...body.at, 'content']),
    },
    responses,
  };
}

function readParameter(doc: OpenApiDocument, item: unknown, at: string[]): ParameterInfo | undefined {
  const { value, at: where } = follow(doc, item, at);
  const place = value.in;
  if (
    typeof value.name !== 'string' ||
    (place !== 'query' && place !== 'path' && place !== 'header' && place !== 'cookie')
  )
    return undefined;
  const schema = isRecord(value.schema) ? follow(doc, value.schema, [...where, 'schema']) : undefined;
  const explode = typeof value.explode === 'boolean' ? value.explode : (value.style ?? 'form') === 'form';
  return {
    name: value.name,
    in: place,
    required: value.required === true || place === 'path',
    schema: schema ? [...where, 'schema'] : undefined,
    commaSeparated: place === 'query' && !explode && schema?.value.type === 'array',
  };
}

/** The `application/json` (or any `+json`) media type of a content map. */
function jsonContent(content: unknown, at: string[]): ContentInfo | undefined {
  if (!isRecord(content)) return undefined;
  const type = Object.keys(content).find((name) => /json/i.test(name));
  if (type === undefined) return undefined;
  const media = content[type];
  if (!isRecord(media) || !isRecord(media.schema)) return { acceptsAnything: true };
  return { schema: [...at, type, 'schema'], acceptsAnything: Object.keys(media.schema).length === 0 };
}

/** Follows local `$ref`s (`#/components/parameters/x`) to the object they name, and where it is. */
function follow(doc: OpenApiDocument, node: unknown, at: string[]): { value: Record<string, unknown>; at: string[] } {
  let value = node;
  let where = at;
  for (let hops = 0; isRecord(value) && typeof value.$ref === 'string' && hops < 20; hops += 1) {
    where = value.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    value = where.reduce<unknown>((parent, key) => (isRecord(parent) ? parent[key] : undefined), doc);
  }
  return { value: isRecord(value) ? value : {}, at: where };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['paths', '/issue/{id}', ...]` → `#/paths/~1issue~1%7Bid%7D/...`, as ajv resolves `$ref`s. */
export function toPointer(segments: SchemaAt): string {
  return `#${segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('')}`;
}
