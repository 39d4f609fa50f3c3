import { Button } from '../ui/Button';
import { useEffect } from 'react';
import type { RecordModel } from './use-record';
import { useDates } from '../ui/dates';

/** When the record is provisioned, an edit is not saved but proposed as a change: `propose` replaces Save. */
export type ProposeAction = { busy: boolean; pending: string | null; run(): void };

type Props = { record: RecordModel; onImport(): void; propose: ProposeAction | null; knowsAction: boolean };

/** Save state and the record's actions; Ctrl/⌘+S saves (or proposes) from anywhere on the page. */
export function RecordToolbar({ record, onImport, propose, knowsAction }: Props) {
  const dates = useDates();
  const { dirty, saving, save } = record;
  const busy = saving || (propose?.busy ?? false) || Boolean(propose?.pending);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!dirty || busy || !knowsAction) return;
        if (propose) propose.run();
        else void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dirty, busy, propose, save, knowsAction]);

  const state = saving
    ? 'Saving…'
    : propose?.busy
      ? 'Proposing…'
      : dirty && propose?.pending
        ? `Proposed as ${propose.pending} — the record changes once it is approved`
        : dirty && propose
          ? 'Unsaved changes — provisioned, so they are proposed for approval'
          : dirty
            ? 'Unsaved changes — kept in this browser until you save'
            : record.savedAt
              ? `Saved ${dates.moment(record.savedAt)}`
              : 'Nothing saved yet';

  return (
    <div className="toolbar" role="toolbar" aria-label="Record">
      <span className="save-state" role="status" data-testid="save-state">
        {state}
      </span>
      <Button onClick={onImport}>Import…</Button>
      <Button
        disabled={record.text.trim() === ''}
        onClick={() => download(record.text, `${record.saved?.id ?? 'handoff'}.handoff.yaml`)}
      >
        Export YAML
      </Button>
      {dirty && (
        <Button appearance="subtle" onClick={record.discard}>
          Discard changes
        </Button>
      )}
      {knowsAction && (
        <Button appearance="primary" disabled={!dirty || busy} onClick={() => (propose ? propose.run() : void save())}>
          {propose?.pending ? 'Proposed' : propose ? 'Propose change' : 'Save'}
        </Button>
      )}
    </div>
  );
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
