import Button from '@atlaskit/button/new';
import { useEffect } from 'react';
import type { RecordModel } from './use-record.ts';

/** Save state and the record's actions; Ctrl/⌘+S saves from anywhere on the page. */
export function RecordToolbar({ record, onImport }: { record: RecordModel; onImport(): void }) {
  const { dirty, saving, save } = record;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (dirty && !saving) void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dirty, saving, save]);

  const state = saving ? 'Saving…'
    : dirty ? 'Unsaved changes — kept in this browser until you save'
    : record.savedAt ? `Saved ${new Date(record.savedAt).toLocaleString()}` : 'Nothing saved yet';

  return (
    <div className="toolbar" role="toolbar" aria-label="Record">
      <span className="save-state" role="status" data-testid="save-state">{state}</span>
      <Button onClick={onImport}>Import…</Button>
      <Button isDisabled={record.text.trim() === ''} onClick={() => download(record.text, `${record.saved?.id ?? 'handoff'}.handoff.yaml`)}>Export YAML</Button>
      {dirty && <Button appearance="subtle" onClick={record.discard}>Discard changes</Button>}
      <Button appearance="primary" isDisabled={!dirty || saving} onClick={() => void save()}>Save</Button>
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
