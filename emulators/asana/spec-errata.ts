import type { Erratum } from '../openapi/index';

const listOf = (schema: string) => ({
  type: 'object',
  properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${schema}` } } },
});

const response = (name: string) => ({ $ref: `#/components/responses/${name}` });

const compactOrGid = (schema: string) => ({ anyOf: [{ type: 'string' }, { $ref: `#/components/schemas/${schema}` }] });

/** Where `asana.v1.yaml` and the Asana API disagree; the emulator follows the API. */
export const ASANA_ERRATA: readonly Erratum[] = [
  {
    at: ['components', 'schemas', 'TaskBase', 'allOf', '1', 'properties', 'memberships', 'items', 'properties'],
    schema: { project: compactOrGid('ProjectCompact'), section: compactOrGid('SectionCompact') },
    why:
      'create-only task memberships take project and section gids, ' +
      'as clients send them; the spec types them as compact objects only',
  },
  {
    at: ['components', 'schemas', 'BatchRequestAction', 'properties', 'options', 'properties', 'offset'],
    schema: { type: 'string' },
    why:
      'a batch action pages with the offset token the API returned, a ' +
      "string (the spec's own example is one); the spec types it as an integer",
  },
  {
    at: ['paths', '/workspaces/{workspace_gid}/tasks/search', 'get', 'responses'],
    schema: {
      200: {
        description: 'Successfully retrieved the tasks.',
        content: { 'application/json': { schema: listOf('TaskCompact') } },
      },
      400: response('BadRequest'),
      401: response('Unauthorized'),
      402: response('PaymentRequired'),
      403: response('Forbidden'),
      404: response('NotFound'),
      500: response('InternalServerError'),
    },
    why:
      "task search answers 402 Payment Required to a non-premium user, as the operation's own description " +
      'says; its documented responses leave the 402 out',
  },
];
