import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering is a lint rule, so it is enforced on every commit; this proves the rule bites.
// The circle check is left out here: it would follow `../cli/main.ts` through the whole CLI.
const eslint = new ESLint({ overrideConfig: { files: ['src/**'], rules: { 'import-x/no-cycle': 'off' } } });
const lintDomain = async (code: string) => {
  const [result] = await eslint.lintText(code, { filePath: 'src/domain/example.ts' });
  return (result?.messages ?? []).map((m) => m.ruleId);
};

describe('src/domain stays pure', () => {
  it.each([
    "import { main } from '../cli/main.ts';",
    "import { x } from '../provision/engine.ts';",
    "import { y } from '../../src/trackers/jira/index.ts';",
    "import { readFileSync } from 'node:fs';",
    "import Asana from 'asana';",
    "import { route } from '@forge/api';",
  ])('refuses %s', async (line) => {
    expect(await lintDomain(`${line}\nexport const z = 1;\n`)).toContain('no-restricted-imports');
  });

  it('refuses to read the clock', async () => {
    expect(await lintDomain('export const now = new Date();\n')).toContain('no-restricted-syntax');
    expect(await lintDomain('export const now = Date.now();\n')).toContain('no-restricted-syntax');
  });

  it('allows its own modules and its libraries', async () => {
    expect(
      await lintDomain(
        "import { z } from 'zod';\nimport { parseIsoDay } from './calendar.ts';\nexport const a = [z, parseIsoDay];\n",
      ),
    ).toEqual([]);
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
