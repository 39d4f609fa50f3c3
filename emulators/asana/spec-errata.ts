import type { Erratum } from '../openapi/index';

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
];
