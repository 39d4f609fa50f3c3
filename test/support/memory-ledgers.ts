import { memoryLedger, type CreationLedger, type LedgerFor } from '../../src/provision/ledger';

/** One ledger per record, in memory as long as the caller holds this: a test's stand-in for the CLI's files. */
export function memoryLedgers(): LedgerFor {
  const ledgers = new Map<string, CreationLedger>();
  return (recordId) => {
    const ledger = ledgers.get(recordId) ?? memoryLedger();
    ledgers.set(recordId, ledger);
    return ledger;
  };
}
