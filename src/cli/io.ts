/** Where the CLI writes: stdout for results, stderr for progress and errors. Tests pass their own. */
export type CliIo = { out: (text: string) => void; err: (text: string) => void };

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
