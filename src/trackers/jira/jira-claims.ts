import { z } from 'zod';
import { runClaim, type RunClaims } from '../../provision/run-claims';
import type { createJiraClient } from './jira-client';
import { jiraPath } from './jira-path';

const claimProperty = z.object({ value: z.unknown() });
const keyOf = (recordId: string) => `handoff-claim-${recordId}`;

/**
 * Run claims as project properties, `handoff-claim-<recordId>`: the project exists before the
 * record's Epic does, so a first run is covered too. Reading one needs Browse Projects;
 * writing needs Administer Projects (or Administer Jira) — a token without it gets 403, and
 * the run goes on guarded by the per-machine lock alone, saying so (README, "One run at a time").
 */
export function jiraClaims(client: ReturnType<typeof createJiraClient>, projectKey: string): RunClaims {
  return {
    /** GET /rest/api/3/project/{key}/properties/{propertyKey} — one request; 404 is no claim. */
    async read(recordId) {
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/project/${projectKey}/properties/${keyOf(recordId)}`,
        undefined,
        [200, 404],
      );
      if (call.status === 404) return { kind: 'slot', claim: null };
      const { value } = client.read(claimProperty, call, 'GET /rest/api/3/project/{key}/properties/{propertyKey}');
      // A value someone edited by hand into something else claims nothing.
      const claim = runClaim.safeParse(value);
      return { kind: 'slot', claim: claim.success ? claim.data : null };
    },

    /** PUT /rest/api/3/project/{key}/properties/{propertyKey} — one request. */
    async write(recordId, claim) {
      await client.send(
        'PUT',
        jiraPath`/rest/api/3/project/${projectKey}/properties/${keyOf(recordId)}`,
        claim,
        [200, 201],
      );
    },

    /** DELETE /rest/api/3/project/{key}/properties/{propertyKey} — one request; 404: already gone. */
    async clear(recordId) {
      await client.send(
        'DELETE',
        jiraPath`/rest/api/3/project/${projectKey}/properties/${keyOf(recordId)}`,
        undefined,
        [204, 404],
      );
    },
  };
}
