import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering is a lint rule, so it is enforced on every commit; this proves the rule bites.
const eslint = new ESLint();
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

describe('use cases see only the ports', () => {
  it.each([
    "import { main } from '../cli/main.ts';",
    "import { createJiraTracker } from '../trackers/jira/jira-tracker.ts';",
    "import { appOf } from '../../forge/deps.ts';",
  ])('refuses %s', async (line) => {
    const [result] = await eslint.lintText(`${line}\nexport const z = 1;\n`, {
      filePath: 'src/usecases/change/example.ts',
    });
    expect((result?.messages ?? []).map((m) => m.ruleId)).toContain('no-restricted-imports');
  });
});
