import { Button } from '../ui/Button';
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { EXAMPLES } from './examples';

type Props = { open: boolean; dirty: boolean; onClose(): void; onImport(text: string): void };

/**
 * Import a record: pick an example, upload a YAML or JSON file, or paste one. What is picked
 * shows in the text box first, so the lead sees what is about to replace the record.
 */
export function ImportDialog({ open, dirty, onClose, onImport }: Props) {
  const [text, setText] = useState('');
  const [example, setExample] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);

  const pickExample = async (name: string) => {
    setExample(name);
    const found = EXAMPLES.find((e) => e.name === name);
    if (found) setText(await found.load());
  };
  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    setLoadError(null);
    try {
      setText(await file.text());
    } catch {
      setLoadError(`${file.name} could not be read.`);
    }
  };
  const submit = () => {
    onImport(text);
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
          <Button appearance="primary" disabled={text.trim() === ''} onClick={submit}>
            Import and save
          </Button>
        </>
      }
    >
      {dirty && <p className="field-blocker">This replaces your unsaved changes.</p>}
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
        <label htmlFor="import-file">Or a file (YAML or JSON)</label>
        <input
          id="import-file"
          type="file"
          accept=".yaml,.yml,.json,application/json,text/yaml"
          onChange={(e) => void pickFile(e.target.files?.[0])}
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
    </Dialog>
  );
}
