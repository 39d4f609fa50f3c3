import { useEffect, useRef } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import { fieldId } from '../field-path';
import { Message } from '../ui/Message';
import { reveal, spanOfLine, spanOfPath } from './yaml-position';

type Props = {
  text: string;
  problems: readonly Problem[];
  blockers: readonly Problem[];
  /** A field path to select (a blocker the form has no input for); a new object for every request. */
  focusRequest: { path: string } | null;
  onChange(text: string): void;
};

/**
 * The whole record as YAML: for fields the form does not show, for pasting, for leads who
 * prefer text. Each problem names its line and selects it; each blocker selects its field.
 */
export function YamlEditor({ text, problems, blockers, focusRequest, onChange }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focusRequest || !ref.current) return;
    const span = spanOfPath(ref.current.value, focusRequest.path);
    if (span) reveal(ref.current, span);
    // Only when asked to go somewhere, never on every keystroke.
  }, [focusRequest]);

  const goToProblem = (p: Problem) => {
    const span = p.line !== undefined ? spanOfLine(text, p.line) : spanOfPath(text, p.path);
    if (ref.current && span) reveal(ref.current, span);
  };
  const where = (p: Problem) =>
    p.line !== undefined ? `line ${p.line}${p.path ? ` (${p.path})` : ''}` : p.path || 'record';

  return (
    <div className="yaml-editor">
      <h2 tabIndex={-1}>YAML</h2>
      <p className="subtle">
        The whole record. Edits here and in the form are the same draft; problems show as you type.
      </p>
      <Located title="Problems" kind="error" list={problems} where={where} onSelect={goToProblem} />
      <Located title="Blocks go" kind="warning" list={blockers} where={where} onSelect={goToProblem} />
      <label className="visually-hidden" htmlFor={fieldId('yaml')}>
        Record YAML
      </label>
      <textarea
        id={fieldId('yaml')}
        ref={ref}
        className="yaml-text"
        spellCheck={false}
        value={text}
        aria-invalid={problems.length > 0 || undefined}
        onChange={(e) => onChange(e.target.value)}
        rows={28}
      />
    </div>
  );
}

type LocatedProps = {
  title: string;
  kind: 'error' | 'warning';
  list: readonly Problem[];
  where(p: Problem): string;
  onSelect(p: Problem): void;
};

function Located({ title, kind, list, where, onSelect }: LocatedProps) {
  if (list.length === 0) return null;
  return (
    <Message kind={kind} title={`${title} (${list.length})`}>
      <ul className="problem-list">
        {list.map((p, i) => (
          <li key={i}>
            <button type="button" className="link-button" onClick={() => onSelect(p)}>
              {where(p)}
            </button>{' '}
            — {p.message}
          </li>
        ))}
      </ul>
    </Message>
  );
}
