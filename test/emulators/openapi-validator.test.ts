import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createOpenApiValidator,
  createPathMatcher,
  loadValidator,
  parseSpec,
  readSpecFile,
} from '../../emulators/openapi/index';
import { cachedParse } from '../../emulators/openapi/spec-cache';
import { jiraSpecFile } from './local-jira-harness';
import { asanaSpecFile } from './local-asana-harness';

describe('path matching', () => {
  const match = createPathMatcher(
    ['/issue/{key}', '/issue/bulk', '/issue/{key}/properties/{propertyKey}', '/issue/{key}.json'],
    '/api/1.0',
  );

  it('matches a concrete path to its template and decodes the parameters', () => {
    expect(match('/issue/DEL-1/properties/handoff%20v2')).toEqual({
      template: '/issue/{key}/properties/{propertyKey}',
      params: { key: 'DEL-1', propertyKey: 'handoff v2' },
    });
  });

  it('prefers the template with more literal segments', () => {
    expect(match('/issue/bulk')?.template).toBe('/issue/bulk');
    expect(match('/issue/DEL-7')?.template).toBe('/issue/{key}');
  });

  it('accepts the server base path, a trailing slash and mixed segments, and rejects strangers', () => {
    expect(match('/api/1.0/issue/DEL-7/')?.params).toEqual({ key: 'DEL-7' });
    expect(match('/issue/DEL-7.json')).toEqual({ template: '/issue/{key}.json', params: { key: 'DEL-7' } });
    expect(match('/nothing/here')).toBeUndefined();
  });
});

describe('the Jira platform spec', () => {
  const jira = loadValidator(jiraSpecFile);

  // A real-time bound on purpose (it is about speed): ~0.4 s on an idle machine, so 5 s holds on a loaded one.
  it('compiles lazily: reading the 2.4 MB spec and validating a first request takes under 5 seconds', () => {
    const started = performance.now();
    const fresh = createOpenApiValidator(readSpecFile(jiraSpecFile));
    expect(
      fresh.validateRequest('POST', '/rest/api/3/issue/bulk', {
        body: { issueUpdates: [{ fields: { summary: 'x' } }] },
      }),
    ).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects request bodies and queries the real API would reject', () => {
    expect(jira.validateRequest('POST', '/rest/api/3/issue/bulk', { body: { issueUpdates: { fields: {} } } })).toEqual([
      'request body/issueUpdates must be array',
    ]);
    expect(
      jira.validateRequest('POST', '/rest/api/3/issueLink', {
        body: { type: { name: 'Blocks' }, inwardIssue: { key: 'DEL-1' } },
      }),
    ).toEqual(["request body must have required property 'outwardIssue'"]);
    expect(
      jira.validateRequest('POST', '/rest/api/3/search/jql', { body: { jql: 'project = DEL', maxResults: 'ten' } }),
    ).toEqual(['request body/maxResults must be integer']);
    expect(
      jira.validateRequest('GET', '/rest/api/3/search/jql', { query: { jql: 'project = DEL', maxResults: 'ten' } }),
    ).toEqual(["query parameter 'maxResults' must be integer"]);
    expect(jira.validateRequest('GET', '/rest/api/3/issuetype/project', { query: {} })).toEqual([
      "query parameter 'projectId' is required",
    ]);
    expect(jira.validateRequest('GET', '/rest/api/3/no/such/thing', {})).toEqual([
      'GET /rest/api/3/no/such/thing is not an operation of the spec',
    ]);
  });

  it('accepts what the real API accepts, query strings coerced and comma lists split', () => {
    expect(
      jira.validateRequest('GET', '/rest/api/3/search/jql', {
        query: { jql: 'project = DEL', maxResults: '100', fields: ['summary,status'] },
      }),
    ).toEqual([]);
    expect(
      jira.validateRequest('PUT', '/rest/api/3/issue/DEL-1/properties/handoff', { body: { recordId: 'r' } }),
    ).toEqual([]);
  });

  it('catches a response shape the real API would not send', () => {
    // A CreatedIssue has string ids and nothing else; an ErrorCollection is no CreatedIssues.
    expect(jira.validateResponse('POST', '/rest/api/3/issue', 201, { id: 10001, key: 'DEL-1', extra: true })).toEqual([
      "response 201 body must NOT have additional properties 'extra'",
      'response 201 body/id must be string',
    ]);
    expect(
      jira.validateResponse('POST', '/rest/api/3/issue/bulk', 400, { errorMessages: ['too many'], errors: {} }),
    ).toContain("response 400 body must NOT have additional properties 'errorMessages'");
    expect(jira.validateResponse('POST', '/rest/api/3/search/jql', 200, { issues: [], isLast: 'yes' })).toEqual([
      'response 200 body/isLast must be boolean',
    ]);
  });

  it('treats an undocumented status as an error, and documented empty bodies as fine', () => {
    expect(jira.validateResponse('POST', '/rest/api/3/issue', 429, {})[0]).toMatch(
      /status 429 is not documented for POST \/rest\/api\/3\/issue/,
    );
    expect(jira.validateResponse('PUT', '/rest/api/3/issue/DEL-1', 204, undefined)).toEqual([]);
    expect(jira.validateResponse('POST', '/rest/api/3/issueLink', 201, undefined)).toEqual([]);
  });

  it('holds a response to the media types the spec declares for its status', () => {
    const { validateMediaType } = jira;
    expect(validateMediaType('POST', '/rest/api/3/issueLink', 201, 'text/plain;charset=UTF-8')).toEqual([
      'response 201 has media type text/plain; the spec declares application/json',
    ]);
    expect(validateMediaType('POST', '/rest/api/3/issueLink', 201, null)).toEqual([
      'response 201 has no media type; the spec declares application/json',
    ]);
    expect(validateMediaType('POST', '/rest/api/3/issueLink', 201, 'application/json;charset=UTF-8')).toEqual([]);
    // No content by HTTP's definition, whatever the spec lists; a status documented without content takes any.
    expect(validateMediaType('PUT', '/rest/api/3/issue/DEL-1', 204, null)).toEqual([]);
    expect(validateMediaType('POST', '/rest/api/3/issueLink', 400, 'text/plain')).toEqual([]);
  });

  it('forbids write-only properties in responses', () => {
    expect(
      jira.validateResponse('GET', '/rest/api/3/issue/createmeta/DEL/issuetypes', 200, { createMetaIssueType: [] }),
    ).toEqual(['response 200 body/createMetaIssueType must not be present (readOnly/writeOnly in the spec)']);
  });
});

describe('the Asana spec (YAML, nullable without type, $ref parameters)', () => {
  const asana = loadValidator(asanaSpecFile);

  it('matches paths with or without the server base path', () => {
    expect(asana.match('GET', '/api/1.0/tasks/123')?.template).toBe('/tasks/{task_gid}');
    expect(asana.match('GET', '/tasks/123')?.params).toEqual({ task_gid: '123' });
  });

  it('validates requests and responses through $refs', () => {
    expect(asana.validateRequest('POST', '/tasks', { body: { data: { name: 3 } } })).toEqual([
      'request body/data/name must be string',
    ]);
    expect(
      asana.validateResponse('GET', '/tasks/1', 200, { data: { gid: '1', resource_type: 'task', name: 'x' } }),
    ).toEqual([]);
    expect(asana.validateResponse('GET', '/tasks/1', 200, { data: { gid: 1 } })).toEqual([
      'response 200 body/data/gid must be string',
    ]);
  });
});

describe('OpenAPI nullable', () => {
  const spec = parseSpec({
    openapi: '3.0.1',
    paths: {
      '/thing': {
        get: {
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            colour: { type: 'string', enum: ['red', 'blue'], nullable: true },
            loose: { nullable: true, description: 'nullable without a type means nothing in 3.0' },
          },
        },
      },
    },
  });
  const validator = createOpenApiValidator(spec);

  it('lets an allOf be null when one of its branches says nullable, as Asana marks nullable references', () => {
    const refs = createOpenApiValidator(
      parseSpec({
        openapi: '3.0.0',
        paths: {
          '/task': {
            get: {
              responses: {
                200: {
                  description: 'ok',
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Task' } } },
                },
              },
            },
          },
        },
        components: {
          schemas: {
            User: { type: 'object', properties: { gid: { type: 'string' } } },
            Task: {
              type: 'object',
              properties: {
                assignee: { allOf: [{ $ref: '#/components/schemas/User' }, { nullable: true }] },
                creator: { allOf: [{ $ref: '#/components/schemas/User' }] },
              },
            },
          },
        },
      }),
    );
    expect(refs.validateResponse('GET', '/task', 200, { assignee: null })).toEqual([]);
    expect(refs.validateResponse('GET', '/task', 200, { assignee: { gid: 1 } })).toEqual([
      'response 200 body/assignee/gid must be string',
    ]);
    expect(refs.validateResponse('GET', '/task', 200, { creator: null })).toEqual([
      'response 200 body/creator must be object',
    ]);
  });

  it('adds null to typed values and enums', () => {
    expect(validator.validateResponse('GET', '/thing', 200, { colour: null, loose: 3 })).toEqual([]);
    expect(validator.validateResponse('GET', '/thing', 200, { colour: 'green' })).toEqual([
      'response 200 body/colour must be equal to one of the allowed values (red, blue, null)',
    ]);
  });
});

describe('the parsed-spec cache', () => {
  it('parses a YAML spec once per version of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-cache-'));
    try {
      const file = join(dir, 'spec.yaml');
      writeFileSync(file, 'openapi: 3.0.0');
      let parses = 0;
      const parse = (value: string) => () => {
        parses += 1;
        return { value };
      };
      expect(cachedParse(file, parse('first'))).toEqual({ value: 'first' });
      expect(cachedParse(file, parse('again'))).toEqual({ value: 'first' });
      expect(parses).toBe(1);
      writeFileSync(file, 'openapi: 3.0.1 # changed');
      expect(cachedParse(file, parse('changed'))).toEqual({ value: 'changed' });
      expect(parses).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
