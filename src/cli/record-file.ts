import { readFile } from 'node:fs/promises';
import { readRecord } from '../domain/record/read-record';
import type { HandoffRecord } from '../domain/record/record';
import type { Problem } from '../domain/problem';
import { CliExit, EXIT } from './exit-codes';
import { printJson, type CliIo } from './io';
import { counted } from '../domain/words';

/** Reads and validates a record file; an unreadable file is a usage error, a bad record exit 1. */
export async function loadRecord(file: string, io: CliIo, json: boolean): Promise<HandoffRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliExit(EXIT.usage, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = readRecord(text);
  if (result.ok) return result.value;
  if (json) printJson(io, { ok: false, file, problems: result.problems });
  else io.out(formatProblems(file, result.problems));
  throw new CliExit(EXIT.invalid, `${file}: ${counted(result.problems.length, 'problem')}; the record is not valid`);
}

/** `file:line:column: path: message`, the shape editors and terminals make clickable. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = p.line === undefined ? file : `${file}:${p.line}:${p.column ?? 1}`;
      return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
    })
    .join('\n');
}
