import { useId } from 'react';
import { CRM_LABEL, type CrmName } from '../../../../src/domain/intake/crm-deal';
import type { CrmMapping } from '../../../../src/domain/intake/mapping';
import { CONTACT_ROLES } from '../../../../src/domain/record/record';
import { roleLabel } from '../people/suggestions';
import { Button } from '../ui/Button';

/** The deal fields a mapping names, with the words the form shows for each. */
const FIELDS: ReadonlyArray<[keyof CrmMapping['fields'], string]> = [
  ['title', 'Deal name'],
  ['amount', 'Amount'],
  ['currency', 'Currency'],
  ['contractStart', 'Contract start (close date)'],
  ['termMonths', 'Term in months'],
  ['dealType', 'Deal type'],
];

export type CrmMappingFieldsProps = {
  crm: CrmName;
  mapping: CrmMapping;
  onChange(next: CrmMapping): void;
  readOnly: boolean;
  /** Messages by field path (`hubspot.closedWon.0.stage`), as the resolver answered them. */
  errors: Record<string, string>;
  /** Renamed-field warnings by CRM field name. */
  drift: Record<string, string>;
};

/**
 * One CRM's mapping as a form: closed-won stages, deal-field names (each with its renamed-field
 * warning beside it), upsell deal types, role labels → contact roles, and where records go.
 */
export function CrmMappingFields({ crm, mapping, onChange, readOnly, errors, drift }: CrmMappingFieldsProps) {
  const id = useId();
  const set = (changes: Partial<CrmMapping>) => onChange({ ...mapping, ...changes });
  const roles = Object.entries(mapping.contactRoles);
  const setRoles = (next: Array<[string, CrmMapping['contactRoles'][string]]>) =>
    set({ contactRoles: Object.fromEntries(next) });
  const path = (rest: string) => `${crm}.${rest}`;
  const error = (at: string) =>
    errors[path(at)] ? (
      <p className="field-error" id={`${id}-${at}-error`}>
        {errors[path(at)]}
      </p>
    ) : null;
  const text = (at: string, label: string, value: string | undefined, change: (v: string) => void) => (
    <div className={`field${errors[path(at)] ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-${at}`}>{label}</label>
      <input
        id={`${id}-${at}`}
        type="text"
        value={value ?? ''}
        readOnly={readOnly}
        aria-invalid={errors[path(at)] ? true : undefined}
        aria-describedby={errors[path(at)] ? `${id}-${at}-error` : undefined}
        onChange={(e) => change(e.target.value)}
      />
      <div className="field-messages">{error(at)}</div>
    </div>
  );

  return (
    <fieldset className="intake-mapping-crm">
      <legend>{CRM_LABEL[crm]}</legend>
      <h3 className="intake-mapping-subheading">Closed-won stages</h3>
      <p className="subtle">A deal that reaches one of these becomes a draft in this project&apos;s inbox.</p>
      {mapping.closedWon.map((pair, index) => (
        <div className="intake-mapping-row" key={index}>
          {text(`closedWon.${index}.pipeline`, 'Pipeline id (any when empty)', pair.pipeline, (v) =>
            set({
              closedWon: mapping.closedWon.map((p, i) => (i === index ? { ...p, pipeline: v || undefined } : p)),
            }),
          )}
          {text(`closedWon.${index}.stage`, 'Stage id', pair.stage, (v) =>
            set({ closedWon: mapping.closedWon.map((p, i) => (i === index ? { ...p, stage: v } : p)) }),
          )}
          {!readOnly && mapping.closedWon.length > 1 && (
            <Button
              appearance="subtle"
              aria-label={`Remove stage ${pair.stage}`}
              onClick={() => set({ closedWon: mapping.closedWon.filter((_, i) => i !== index) })}
            >
              Remove
            </Button>
          )}
        </div>
      ))}
      {!readOnly && (
        <Button onClick={() => set({ closedWon: [...mapping.closedWon, { stage: '' }] })}>Add a stage</Button>
      )}

      <h3 className="intake-mapping-subheading">Deal fields</h3>
      <div className="field-grid">
        {text('pipelineField', 'Pipeline field', mapping.pipelineField, (v) => set({ pipelineField: v || undefined }))}
        {text('stageField', 'Stage field', mapping.stageField, (v) => set({ stageField: v }))}
        {FIELDS.map(([key, label]) => {
          const name = mapping.fields[key];
          return (
            <div key={key}>
              {text(`fields.${key}`, label, name, (v) => set({ fields: { ...mapping.fields, [key]: v || undefined } }))}
              {name && drift[name] && <p className="intake-drift">{drift[name]}</p>}
            </div>
          );
        })}
      </div>
      {text('upsellTypes', 'Upsell deal types (comma between them)', mapping.upsellTypes.join(', '), (v) =>
        set({
          upsellTypes: v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        }),
      )}

      <h3 className="intake-mapping-subheading">Contact roles</h3>
      {roles.map(([label, role], index) => (
        <div className="intake-mapping-row" key={index}>
          {text(`contactRoles.${index}`, `${CRM_LABEL[crm]} role label`, label, (v) =>
            setRoles(roles.map((r, i) => (i === index ? [v, r[1]] : r))),
          )}
          <div className="field">
            <label htmlFor={`${id}-role-${index}`}>Handoff contact role</label>
            <select
              id={`${id}-role-${index}`}
              value={role}
              disabled={readOnly}
              onChange={(e) => {
                const picked = CONTACT_ROLES.find((r) => r === e.target.value) ?? role;
                setRoles(roles.map((r, i) => (i === index ? [r[0], picked] : r)));
              }}
            >
              {CONTACT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </div>
          {!readOnly && (
            <Button
              appearance="subtle"
              aria-label={`Remove ${label || 'this role'}`}
              onClick={() => setRoles(roles.filter((_, i) => i !== index))}
            >
              Remove
            </Button>
          )}
        </div>
      ))}
      {!readOnly && <Button onClick={() => setRoles([...roles, ['', 'decision-maker']])}>Add a role label</Button>}

      <h3 className="intake-mapping-subheading">Where the record goes</h3>
      <div className="field">
        <label htmlFor={`${id}-target`}>Target</label>
        <select
          id={`${id}-target`}
          value={mapping.target?.tracker === 'asana' ? 'asana' : 'project'}
          disabled={readOnly}
          onChange={(e) => set({ target: e.target.value === 'asana' ? { tracker: 'asana', team: '' } : undefined })}
        >
          <option value="project">This project</option>
          <option value="asana">An Asana team</option>
        </select>
      </div>
      {mapping.target?.tracker === 'asana' &&
        text('target.team', 'Asana team id', mapping.target.team, (v) =>
          set({ target: { tracker: 'asana', team: v } }),
        )}
    </fieldset>
  );
}
