import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROVISION_QUEUE } from '../../src/forge/queue/run-slice';
import { HANDOFF_PROPERTY } from '../../emulators/jira/index';
import { HANDOFF_PROPERTY_KEY } from '../../src/trackers/jira/jira-existing';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The manifest as `forge deploy` would see it. The Custom UI build outputs (static/panel/dist and
 * static/automation-config/dist, git-ignored) are used when they have been built; otherwise a
 * one-line stand-in takes its place in a copy of the project, so the check does not depend on a
 * build having run.
 */
function stagedManifest(): string {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-manifest-'));
  writeFileSync(join(dir, 'manifest.yml'), readFileSync(join(root, 'manifest.yml')));
  symlinkSync(join(root, 'src'), join(dir, 'src'));
  // The Rovo agent's prompt is a resource the validator reads (`prompt: resource:agent-prompts;…`).
  cpSync(join(root, 'prompts'), join(dir, 'prompts'), { recursive: true });
  for (const app of ['static/panel', 'static/automation-config']) {
    const built = join(root, app, 'dist');
    mkdirSync(join(dir, app), { recursive: true });
    // Copied, not linked: the validator does not take a symlink for the resource's directory.
    if (existsSync(join(built, 'index.html'))) cpSync(built, join(dir, app, 'dist'), { recursive: true });
    else {
      mkdirSync(join(dir, app, 'dist'));
      writeFileSync(join(dir, app, 'dist/index.html'), '<!doctype html><div id="root"></div>\n');
    }
  }
  return join(dir, 'manifest.yml');
}

const manifest = z.object({
  modules: z.object({
    function: z.array(
      z.object({
        key: z.string(),
        handler: z.string(),
        timeoutSeconds: z.number().optional(),
        providers: z.object({ auth: z.array(z.string()) }).optional(),
      }),
    ),
    consumer: z.array(z.object({ queue: z.string(), function: z.string() })),
    trigger: z.array(z.object({ events: z.array(z.string()), function: z.string() })),
    'jira:entityProperty': z.array(
      z.object({ propertyKey: z.string(), entityType: z.string(), values: z.array(z.object({ path: z.string() })) }),
    ),
  }),
  remotes: z.array(z.unknown()),
  providers: z.object({ auth: z.array(z.object({ key: z.string(), remotes: z.array(z.string()) })) }),
  permissions: z.object({
    scopes: z.array(z.string()),
    external: z.unknown().optional(),
  }),
});
const read = () => manifest.parse(parse(readFileSync(join(root, 'manifest.yml'), 'utf8')));

describe('manifest.yml', () => {
  it("passes @forge/manifest's full validation with no error and no warning", async () => {
    const result = await validate(false, stagedManifest());
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('asks for the five scopes the app uses, and egress only to Asana and the CRMs the intake writes back to', () => {
    const { permissions, remotes, providers } = read();
    expect(permissions.scopes.sort()).toEqual([
      'manage:jira-project',
      'read:jira-user',
      'read:jira-work',
      'storage:app',
      'write:jira-work',
    ]);
    expect(permissions.external).toEqual({
      fetch: {
        // The deal write-back: HubSpot's API, and each org's own My Domain (a remote takes no wildcard).
        backend: [{ remote: 'asana-api' }, { remote: 'hubspot-api' }, { address: 'https://*.my.salesforce.com' }],
      },
    });
    expect(remotes).toEqual([
      { key: 'asana-api', baseUrl: 'https://app.asana.com', operations: ['fetch'] },
      { key: 'hubspot-api', baseUrl: 'https://api.hubapi.com', operations: ['fetch'] },
    ]);
    // The page's users reach Asana as themselves through the provider, on that same remote only.
    expect(providers.auth.map((p) => [p.key, p.remotes])).toEqual([['asana', ['asana-api']]]);
    const resolver = read().modules.function.find((f) => f.key === 'resolver');
    expect(resolver?.providers?.auth).toEqual(['asana']);
  });

  it('points every function at an exported handler of src/forge/index.ts', async () => {
    const entry = await import('../../src/forge/index');
    const exported = new Map(Object.entries(entry));
    for (const fn of read().modules.function) {
      const [file, name] = fn.handler.split('.');
      expect(file, fn.key).toBe('forge/index');
      expect(typeof exported.get(name ?? ''), fn.handler).toBe('function');
    }
  });

  it('gives the consumer of the provision queue 900 s and indexes the property the engine searches by', () => {
    const { modules } = read();
    const consumer = modules.consumer.find((c) => c.queue === PROVISION_QUEUE);
    expect(modules.function.find((f) => f.key === consumer?.function)?.timeoutSeconds).toBe(900);
    expect(modules.trigger.flatMap((t) => t.events)).toEqual(['avi:jira:updated:issue']);
    expect(modules['jira:entityProperty']).toEqual([
      expect.objectContaining({ propertyKey: HANDOFF_PROPERTY_KEY, entityType: 'issue' }),
    ]);
    expect(modules['jira:entityProperty'][0]?.values.map((v) => v.path)).toEqual([...HANDOFF_PROPERTY.paths]);
  });
});
