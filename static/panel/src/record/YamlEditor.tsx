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
  const gutter = useRef<HTMLPreElement>(null);
  const digits = String(lineCount(text)).length;
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
  // A blocker names a field, not a line: the line is where that field is written now.
  const where = (p: Problem) => {
    const span = p.line === undefined && p.path ? spanOfPath(text, p.path) : null;
    const line = p.line ?? (span ? lineCount(text.slice(0, span.start)) : undefined);
    return line !== undefined ? `line ${line}${p.path ? ` (${p.path})` : ''}` : p.path || 'record';
  };

  return (
    <div className="yaml-editor">
      <h2 tabIndex={-1}>YAML</h2>
      <p className="subtle">
        The whole record. Edits here and in the form are the same draft; problems show as you type.
      </p>
      <Located title="Problems" list={problems} where={where} onSelect={goToProblem} />
      <Located title="Blocks go" list={blockers} where={where} onSelect={goToProblem} />
      <label className="visually-hidden" htmlFor={fieldId('yaml')}>
        Record YAML
      </label>
      <div className="yaml-lines">
        {/* Line numbers, for the lines problems name; the text is not wrapped, so each number is its line. */}
        <pre className="yaml-gutter yaml-text" aria-hidden="true" ref={gutter} style={{ width: `${digits + 2}ch` }}>
          {lineNumbers(text)}
        </pre>
        <textarea
          id={fieldId('yaml')}
          ref={ref}
          className="yaml-text"
          spellCheck={false}
          wrap="off"
          value={text}
          aria-invalid={problems.length > 0 || undefined}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          rows={28}
        />
      </div>
    </div>
  );
}

type LocatedProps = {
  title: string;
  list: readonly Problem[];
  where(p: Problem): string;
  onSelect(p: Problem): void;
};

function Located({ title, list, where, onSelect }: LocatedProps) {
  if (list.length === 0) return null;
  return (
    <Message kind="error" title={`${title} (${list.length})`}>
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

/** How many lines the text has (an empty text has one). */
function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

function lineNumbers(text: string): string {
  return Array.from({ length: lineCount(text) }, (_, i) => i + 1).join('\n');
}
