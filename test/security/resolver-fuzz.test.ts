import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_KEY, type LocalJira } from '../../emulators/jira/index';
import { createForgeApp, closeJira, startJira, type ForgeApp } from '../forge/support/forge-harness';
import { answer, CRAFTED_KEYS, OTHER_PROJECT, RESOLVERS, VALID_PAYLOADS, type ResolverName } from './support/resolvers';

/**
 * Every resolver of the project page, through `@forge/resolver`'s real definitions against the
 * local Jira, fed anything at all and payloads one mistake away from valid. Each call answers
 * `{ ok: true, value }` or `{ ok: false, error: { code, message } }` — never an exception, never
 * INTERNAL — and a refused payload (BAD_REQUEST) reaches Jira not even once.
 */

let jira: LocalJira;
let app: ForgeApp;
beforeAll(async () => {
  jira = await startJira();
  app = createForgeApp(jira);
});
afterAll(() => closeJira(jira));

const STACK_FRAME = /\bat [\w./<>-]+ \(?[\w./:-]+\.[cm]?[jt]s:\d+:\d+/;

/**
 * One call: its answer is one of the two shapes, and a BAD_REQUEST made no request at all. The one
 * other outcome: Connect Asana, for someone who has not connected, leaves with Forge's consent
 * request (NEEDS_AUTHENTICATION_ERR), which the platform answers with its consent prompt.
 */
async function callChecked(name: ResolverName, payload: unknown, context?: unknown): Promise<string> {
  const before = jira.stats().total;
  let response: unknown;
  try {
    response = await app.call(name, payload, context === undefined ? {} : { context });
  } catch (error) {
    if (name === 'connectAsana' && error instanceof Error && error.name === 'NEEDS_AUTHENTICATION_ERR')
      return 'CONSENT';
    throw error;
  }
  const parsed = answer.safeParse(response);
  expect(
    parsed.success,
    `${name}(${inspect(payload).slice(0, 200)}) answered ${inspect(response, { depth: 5 }).slice(0, 400)}`,
  ).toBe(true);
  expect(STACK_FRAME.test(JSON.stringify(response))).toBe(false);
  const code = parsed.success && !parsed.data.ok ? parsed.data.error.code : 'OK';
  if (code === 'BAD_REQUEST')
    expect(jira.stats().total - before, `${name} refused the payload but sent a request first`).toBe(0);
  return code;
}

/** Anything fast-check makes, exotic objects included (Forge hands over JSON, but a handler must not rely on it). */
const anything = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  withUnicodeString: true,
});

/**
 * A valid payload with one thing wrong: an unknown field, one
 * field of another type or missing, or a crafted project key.
 */
function nearValid(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.keys(valid);
  const variants: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.includes(k) && k !== 'projectKey'),
        anything,
      )
      .map(([k, v]) => ({ ...valid, [k]: v })),
    fc
      .tuple(fc.constantFrom(...CRAFTED_KEYS, OTHER_PROJECT), fc.boolean())
      .map(([projectKey, keep]) => (keep ? { ...valid, projectKey } : { projectKey })),
    fc.constantFrom(...CRAFTED_KEYS).map((key) => ('key' in valid ? { ...valid, key } : { ...valid, projectKey: key })),
  ];
  if (fields.length > 0) {
    variants.push(fc.tuple(fc.constantFrom(...fields), anything).map(([k, v]) => ({ ...valid, [k]: v })));
    variants.push(
      fc.constantFrom(...fields).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    );
  }
  return fc.oneof(...variants);
}

describe.each(RESOLVERS)('%s', (name) => {
  it('answers anything at all with one of its two shapes, and refuses every value that is not an object', async () => {
    await fc.assert(
      fc.asyncProperty(anything, async (payload) => {
        const code = await callChecked(name, payload);
        // Falsy payloads become `{}` in @forge/resolver, and an object may be valid; any other value never is.
        if (payload && (typeof payload !== 'object' || Array.isArray(payload))) expect(code).toBe('BAD_REQUEST');
      }),
      { numRuns: 40 },
    );
  });

  it('answers payloads one mistake away from valid, and refuses crafted keys before any request', async () => {
    await fc.assert(
      fc.asyncProperty(nearValid(VALID_PAYLOADS[name]), async (payload) => {
        await callChecked(name, payload);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses a context that is not a project page's, before any request", async () => {
    // The harness puts the project page's context in for a missing one, so null and undefined are left out.
    await fc.assert(
      fc.asyncProperty(
        anything.filter((c) => c !== null && c !== undefined),
        async (context) => {
          expect(await callChecked(name, VALID_PAYLOADS[name], context)).toBe('BAD_REQUEST');
        },
      ),
      { numRuns: 15 },
    );
    for (const key of CRAFTED_KEYS) {
      const context = {
        moduleKey: 'handoff-page',
        siteUrl: jira.url,
        extension: { type: 'jira:projectPage', project: { key, id: '10000', type: 'software' } },
      };
      expect(await callChecked(name, VALID_PAYLOADS[name], context)).toBe('BAD_REQUEST');
    }
  });
});

describe('the valid payloads themselves', () => {
  it('reach their handler (so the refusals above are about the mistake, not the payload)', async () => {
    for (const name of RESOLVERS)
      expect(await callChecked(name, { ...VALID_PAYLOADS[name], projectKey: DEMO_PROJECT_KEY }), name).not.toBe(
        'BAD_REQUEST',
      );
  });
});
