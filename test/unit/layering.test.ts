import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture is a set of lint rules, enforced on every commit; these prove each rule bites.
// Files are linted as if they lived at `filePath`; imports are resolved to the real tree.
const eslint = new ESLint();
async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${code}\nexport const z = 1;\n`, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('src/domain stays pure', () => {
  it.each([
    "import { main } from '../cli/main.ts';",
    "import { applyPlan } from '../provision/engine.ts';",
    "import { createJiraTracker } from '../../src/trackers/jira/jira-tracker.ts';",
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
      "import { parseIsoDay } from './dates/calendar.ts';\nexport const a = [z, parseIsoDay];";
    expect(await ruleIds('src/domain/example.ts', code)).toEqual([]);
  });
});

/** Each forbidden arrow of the architecture, from a file in one layer to a real file of another. */
const forbidden: [string, string][] = [
  ['src/provision/example.ts', "import { x } from '../usecases/change/apply.ts';"],
  ['src/provision/example.ts', "import { x } from '../trackers/jira/jira-tracker.ts';"],
  ['src/provision/example.ts', "import { x } from '../forge/index.ts';"],
  ['src/usecases/example.ts', "import { x } from '../trackers/asana/asana-tracker.ts';"],
  ['src/usecases/example.ts', "import { x } from '../forge/config.ts';"],
  ['src/usecases/example.ts', "import { x } from '../cli/main.ts';"],
  ['src/trackers/jira/example.ts', "import { x } from '../../forge/config.ts';"],
  ['src/trackers/jira/example.ts', "import { x } from '../../cli/main.ts';"],
  ['src/trackers/asana/example.ts', "import { x } from '../../../emulators/asana/index.ts';"],
  ['src/forge/example.ts', "import { x } from '../cli/main.ts';"],
  ['src/forge/queue/example.ts', "import { x } from '../../../emulators/jira/index.ts';"],
  ['src/forge/example.ts', "import { x } from '../dev-server/index.ts';"],
  ['src/cli/commands/example.ts', "import { x } from '../../forge/index.ts';"],
  ['src/cli/commands/provision.ts', "import { x } from '../../../emulators/jira/index.ts';"],
  ['src/provision/example.ts', "import { x } from '../../emulators/common/serve.ts';"],
  ['emulators/jira/example.ts', "import { x } from '../../src/domain/plan/plan.ts';"],
  ['emulators/common/example.ts', "import { x } from '../../src/provision/tracker.ts';"],
];

describe('every layer rule bites', () => {
  it.each(forbidden)('%s: %s', async (filePath, line) => {
    expect(await ruleIds(filePath, line)).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['src/cli/commands/emulate.ts', "import { x } from '../../../emulators/jira/index.ts';"],
    ['src/cli/targets/jira.ts', "import { x } from '../../../emulators/jira/index.ts';"],
    ['src/dev-server/example.ts', "import { x } from '../../emulators/jira/index.ts';"],
    ['src/dev-server/example.ts', "import { x } from '../forge/resolvers/resolvers.ts';"],
    ['src/usecases/example.ts', "import { x } from '../provision/engine.ts';"],
    ['src/trackers/jira/example.ts', "import { x } from '../../provision/tracker.ts';"],
  ])('allows %s: %s', async (filePath, line) => {
    expect(await ruleIds(filePath, line)).not.toContain('import-x/no-restricted-paths');
  });
});
