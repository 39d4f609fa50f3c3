import { useState } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import { fieldId } from '../field-path';
import type { FieldInfo } from './schema-info';
import type { FieldSpec } from './sections';
import { displayValue, storedValue } from './field-value';
import { OwnerCombobox } from '../people/OwnerCombobox';

const PLACEHOLDERS: Partial<Record<FieldSpec['kind'], string>> = {
  date: 'YYYY-MM-DD or kickoff+10bd',
  owner: 'a name, an e-mail or a role',
  person: 'a name or an e-mail',
};

type Props = {
  path: string;
  spec: FieldSpec;
  info: FieldInfo;
  value: unknown;
  /** Schema problems of the draft at this path. */
  problems: readonly Problem[];
  /** Gate blockers of the saved record at this path. */
  blockers: readonly Problem[];
  readOnly: boolean;
  onChange(value: unknown): void;
};

/**
 * One field of the record: label, input, the schema's hint, and — right under it — what is
 * wrong (the draft's validation problems) and what blocks "go" (the saved record's gate).
 * While it has focus it shows exactly what is being typed; the record gets every keystroke.
 */
export function Field({ path, spec, info, value, problems, blockers, readOnly, onChange }: Props) {
  const [typing, setTyping] = useState<string | null>(null);
  const id = fieldId(path);
  const shown = typing ?? displayValue(value, spec.kind);
  const messageId = `${id}:messages`;
  const invalid = problems.length > 0;
  const edit = (input: string) => {
    setTyping(input);
    onChange(storedValue(input, spec.kind, info.number));
  };
  const common = {
    id,
    value: shown,
    readOnly,
    title: info.description ?? undefined,
    placeholder: PLACEHOLDERS[spec.kind],
    'aria-invalid': invalid || undefined,
    'aria-describedby': messageId,
    // Keep what an edit just put there: a picker that sets the value and then focuses the field
    // (a hidden e-mail, once checked) may focus it before React has rendered the new `value`.
    onFocus: () => setTyping((typed) => typed ?? displayValue(value, spec.kind)),
    onBlur: () => setTyping(null),
  };

  const input =
    info.options && spec.kind !== 'tags' ? (
      <select {...common} disabled={readOnly} onChange={(e) => edit(e.target.value)}>
        <option value="">— not set —</option>
        {info.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    ) : spec.kind === 'longtext' || spec.kind === 'lines' ? (
      <textarea
        {...common}
        rows={spec.kind === 'lines' ? Math.max(2, shown.split('\n').length) : 2}
        onChange={(e) => edit(e.target.value)}
      />
    ) : spec.kind === 'owner' || spec.kind === 'person' ? (
      <OwnerCombobox input={common} roles={spec.kind === 'owner'} onType={edit} />
    ) : (
      <input
        {...common}
        type="text"
        inputMode={info.number ? 'numeric' : undefined}
        onChange={(e) => edit(e.target.value)}
      />
    );

  return (
    <div
      className={`field field-${spec.kind}${invalid ? ' field-invalid' : ''}${blockers.length ? ' field-blocked' : ''}`}
    >
      <label htmlFor={id}>{spec.label}</label>
      {input}
      <div id={messageId} className="field-messages">
        {problems.map((p, i) => (
          <p key={`p${i}`} className="field-error">
            {p.message}
          </p>
        ))}
        {blockers.map((b, i) => (
          <p key={`b${i}`} className="field-blocker">
            Blocks go: {b.message}
          </p>
        ))}
        {spec.kind === 'lines' && <p className="field-hint">One per line.</p>}
        {spec.kind === 'tags' && (
          <p className="field-hint">
            {info.options ? `Comma-separated: ${info.options.join(', ')}` : 'Comma-separated.'}
          </p>
        )}
        {/* The help text, in view: the form's own words where it has them, else the schema's. */}
        {(spec.hint ?? info.description) && <p className="field-hint">{spec.hint ?? info.description}</p>}
      </div>
    </div>
  );
}
