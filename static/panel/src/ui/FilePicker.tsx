import { useId, useRef, useState } from 'react';
import { Button } from './Button';

type Props = { label: string; accept: string; onFile(file: File): void };

/**
 * A file chooser drawn like the page's other buttons, not the browser's own "Choose File"
 * control: the native input does the choosing, unseen, and the button and the chosen file's
 * name are what the lead sees and what a screen reader reads.
 */
export function FilePicker({ label, accept, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="file-picker">
      <span id={`${id}:label`} className="field-label">
        {label}
      </span>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setChosen(file.name);
          onFile(file);
        }}
      />
      <span className="file-picker-row">
        <Button
          id={`${id}:button`}
          aria-labelledby={`${id}:label ${id}:button`}
          aria-describedby={`${id}:chosen`}
          onClick={() => input.current?.click()}
        >
          Choose a file…
        </Button>
        <span id={`${id}:chosen`} className="subtle">
          {chosen ?? 'No file chosen'}
        </span>
      </span>
    </div>
  );
}
