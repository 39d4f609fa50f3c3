import { Button } from '../ui/Button';
import { useMemo, useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { FilePicker } from '../ui/FilePicker';
import { EXAMPLES } from './examples';
import { importIntent, type SavedRecord } from './import-intent';

type Props = {
  open: boolean;
  dirty: boolean;
  /** The record saved in the project, and whether it has been provisioned. */
  saved: SavedRecord | null;
  projectKey: string;
  onClose(): void;
  /** Saves the import as the project's record (the one it replaces can be brought back). */
  onImport(text: string): void;
  /** Makes the import the draft, unsaved: a change to propose, or problems to fix first. */
  onDraft(text: string): void;
};

/**
 * Import a record: pick an example, upload a YAML or JSON file, or paste one. What is picked
 * shows in the text box first, and the dialog says what importing it will do to the saved record
 * before anything happens: nothing is lost by a click.
 */
export function ImportDialog({ open, dirty, saved, projectKey, onClose, onImport, onDraft }: Props) {
  const [text, setText] = useState('');
  const [example, setExample] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);

  const pickExample = async (name: string) => {
    setExample(name);
    const found = EXAMPLES.find((e) => e.name === name);
    if (found) setText(await found.load());
  };
  const pickFile = async (file: File) => {
    setLoadError(null);
    try {
      setText(await file.text());
    } catch {
      setLoadError(`${file.name} could not be read.`);
    }
  };
  const intent = useMemo(() => importIntent(text, saved, projectKey), [text, saved, projectKey]);
  const submit = () => {
    if (intent.kind === 'refused') return;
    if (intent.kind === 'draft' || intent.kind === 'propose') onDraft(text);
    else onImport(text);
    onClose();
  };

  return (
    <Dialog
      open={open}
      title="Import a handoff record"
      onClose={onClose}
      footer={
        <>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button appearance="primary" disabled={text.trim() === '' || intent.kind === 'refused'} onClick={submit}>
            {intent.action}
          </Button>
        </>
      }
    >
      {dirty && <p className="field-caution">This replaces your unsaved changes.</p>}
      <div className="field">
        <label htmlFor="import-example">An example record</label>
        <select id="import-example" value={example} onChange={(e) => void pickExample(e.target.value)}>
          <option value="">Choose an example…</option>
          {EXAMPLES.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <FilePicker
          label="Or a file (YAML or JSON)"
          accept=".yaml,.yml,.json,application/json,text/yaml"
          onFile={(file) => void pickFile(file)}
        />
        {loadError && <p className="field-error">{loadError}</p>}
      </div>
      <div className="field">
        <label htmlFor="import-text">Or paste it here</label>
        <textarea
          id="import-text"
          className="yaml-text"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {intent.message && (
        <p
          className={intent.kind === 'refused' ? 'field-error' : 'field-caution'}
          role="status"
          data-testid="import-intent"
        >
          {intent.message}
        </p>
      )}
    </Dialog>
  );
}
