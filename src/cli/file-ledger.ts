import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { emptyLedger, ledgerState, type CreationLedger, type LedgerFor } from '../provision/ledger';
import { CliExit, EXIT } from './exit-codes';

/**
 * The ledgers of every record provisioned into one place: a tracker (`jira`), a site (its URL,
 * or the local one's data directory — two sites' ids must never mix) and a project in it.
 */
export const cliLedgers =
  (target: string, place: { site: string; where: string }, root?: string): LedgerFor =>
  (recordId) =>
    fileLedger(
      recordId,
      `${target} ${place.where} ${createHash('sha256').update(place.site).digest('hex').slice(0, 12)}`,
      root,
    );

/**
 * The provisioning ledger of one record in one place, as a file beside the provisioning locks
 * (`.handoff/ledger/`): a re-run on this machine straight after a kill knows every key the
 * killed run was answered, however far Jira's search lags. Each save replaces the file
 * whole (write, then rename), so a kill mid-save leaves the previous state, never half a file.
 */
export function fileLedger(recordId: string, where: string, root = resolve('.handoff')): CreationLedger {
  const file = join(root, 'ledger', `${`${recordId}@${where}`.replace(/[^A-Za-z0-9._@-]+/g, '_')}.json`);
  return {
    async load() {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
        throw error;
      });
      if (text === null) return emptyLedger();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const parsed = ledgerState.safeParse(json);
      if (!parsed.success)
        throw new CliExit(
          EXIT.invalid,
          `the provisioning ledger ${file} is damaged; nothing was done — restore it, or delete it ` +
            'only if no run of this record was cut short in the last minutes ' +
            '(a re-run may then duplicate its last batch)',
        );
      return parsed.data;
    },
    async save(state) {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(state));
      await rename(temporary, file);
    },
  };
}
