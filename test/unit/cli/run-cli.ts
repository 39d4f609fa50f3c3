import { main } from '../../../src/cli/main';

/** Runs the CLI in-process, as `npx handoff …` would, capturing what it prints. */
export async function runCli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}

export const ACME = 'examples/acme-onboarding.handoff.yaml';
