import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture is a set of lint rules, enforced on every commit; these prove each rule bites.
// Files are linted as if they lived at `filePath`; imports are resolved to the real tree.
// The circle check is left out here: it would follow `../cli/main.ts` through the whole CLI.
const eslint = new ESLint({ overrideConfig: { files: ['src/**'], rules: { 'import-x/no-cycle': 'off' } } });
async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${code}\nexport const z = 1;\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('src/domain stays pure', () => {
  it.each([
    "import { main } from '../cli/main';",
    "import { applyPlan } from '../provision/engine';",
    "import { createJiraTracker } from '../../src/trackers/jira/jira-tracker';",
    "import { readFileSync } from 'node:fs';",
    "import Asana from 'asana';",
    "import { route } from '@forge/api';",
  ])('refuses %s', async (line) => {
    const ids = await ruleIds('src/domain/example.ts', line);
    expect(ids.some((id) => id === 'no-restricted-imports' || id === 'import-x/no-restricted-paths')).toBe(true);
  });

  it('refuses to read the clock', async () => {
    expect(await ruleIds('src/domain/example.ts', 'export const now = new Date();')).toContain('no-restricted-syntax');
    expect(await ruleIds('src/domain/example.ts', 'export const now = Date.now();')).toContain('no-restricted-syntax');
  });

  it('allows its own modules and its libraries', async () => {
    const code =
      "import { z } from 'zod';\n" +
      "import { parseIsoDay } from './dates/calendar';\nexport const a = [z, parseIsoDay];";
    expect(await ruleIds('src/domain/example.ts', code)).toEqual([]);
  });
});

/** Each forbidden arrow of the architecture, from a file in one layer to a real file of another. */
const forbidden: [string, string][] = [
  ['src/provision/example.ts', "import { x } from '../usecases/change/apply';"],
  ['src/provision/example.ts', "import { x } from '../trackers/jira/jira-tracker';"],
  ['src/provision/example.ts', "import { x } from '../forge/index';"],
  ['src/usecases/example.ts', "import { x } from '../trackers/asana/asana-tracker';"],
  ['src/usecases/example.ts', "import { x } from '../forge/deps';"],
  ['src/usecases/example.ts', "import { x } from '../cli/main';"],
  ['src/trackers/jira/example.ts', "import { x } from '../../forge/deps';"],
  ['src/trackers/jira/example.ts', "import { x } from '../../cli/main';"],
  ['src/trackers/asana/example.ts', "import { x } from '../../../emulators/asana/index';"],
  ['src/forge/example.ts', "import { x } from '../cli/main';"],
  ['src/forge/queue/example.ts', "import { x } from '../../../emulators/jira/index';"],
  ['src/forge/example.ts', "import { x } from '../dev-server/index';"],
  ['src/cli/commands/example.ts', "import { x } from '../../forge/index';"],
  ['src/cli/commands/provision.ts', "import { x } from '../../../emulators/jira/index';"],
  ['src/provision/example.ts', "import { x } from '../../emulators/common/serve';"],
  ['emulators/jira/example.ts', "import { x } from '../../src/domain/plan/plan';"],
  ['emulators/common/example.ts', "import { x } from '../../src/provision/tracker';"],
];

describe('every layer rule bites', () => {
  it.each(forbidden)('%s: %s', async (filePath, line) => {
    expect(await ruleIds(filePath, line)).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['src/cli/commands/emulate.ts', "import { x } from '../../../emulators/jira/index';"],
    ['src/cli/targets/jira.ts', "import { x } from '../../../emulators/jira/index';"],
    ['src/dev-server/example.ts', "import { x } from '../../emulators/jira/index';"],
    ['src/dev-server/example.ts', "import { x } from '../forge/resolvers/resolvers';"],
    ['src/usecases/example.ts', "import { x } from '../provision/engine';"],
    ['src/trackers/jira/example.ts', "import { x } from '../../provision/tracker';"],
  ])('allows %s: %s', async (filePath, line) => {
    expect(await ruleIds(filePath, line)).not.toContain('import-x/no-restricted-paths');
  });
});

describe('no import circles', () => {
  // The fixture folder is a circle on purpose: `npm run lint` ignores it, this lints it with the project's settings.
  const cycleLint = new ESLint({ ignore: false });

  it('import-x/no-cycle fires on a circle of two files', async () => {
    const results = await cycleLint.lintFiles(['test/unit/fixtures/import-cycle/first.ts']);
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain('import-x/no-cycle');
  });

  // import-x follows value imports only; a circle closed by an `import type` is still two
  // modules that cannot be understood apart (record.ts ↔ dates was one), so the whole graph is
  // checked here as well, type imports and dynamic imports included.
  it('src/, emulators/ and the panel have none, type imports included', () => {
    const graph = importGraph(['src', 'emulators', 'static/panel/src']);
    expect(findCycles(graph)).toEqual([]);
  });

  it('the graph check finds the fixture circle', () => {
    expect(findCycles(importGraph(['test/unit/fixtures/import-cycle']))).toHaveLength(1);
  });
});

/** Every .ts/.tsx file under `roots` → the repository files it imports (relative specifiers only). */
function importGraph(roots: string[]): Map<string, string[]> {
  const files = roots.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => join(root, f)),
  );
  const specifier =
    /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(specifier)]
        .map((m) => join(dirname(file), m[1] ?? m[2] ?? ''))
        .map((target) => [target, `${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find(isFile) ?? target);
      return [file, [...new Set(targets)]];
    }),
  );
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** Each circle once, as `a → b → a`, found by depth-first search. */
function findCycles(graph: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
