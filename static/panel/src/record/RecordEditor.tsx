import { useMemo } from 'react';
import type { Problem } from '../../../../src/domain/problem';
import { Message } from '../ui/Message';
import { byPath, type FormContext } from './form-context';
import { resolvedDues } from '../filter/resolved-dues';
import type { ItemIssues, ListContext } from './list-context';
import { RecordPeopleProvider, recordPeople } from '../people/record-people';
import { SectionForm } from './SectionForm';
import { SECTIONS, YAML_SECTION, sectionHas } from './sections';
import type { RecordModel } from './use-record';
import { parseDoc, withItem, withoutItem, withValue } from './yaml-doc';
import { YamlEditor } from './YamlEditor';

type Props = {
  record: RecordModel;
  blockers: readonly Problem[];
  section: string;
  onSection(section: string): void;
  onGoTo(path: string): void;
  /** A path the YAML section should select when it opens. */
  yamlFocus: { path: string } | null;
  /** The path the lead was last sent to: a folded card holding it opens. */
  reveal: { path: string } | null;
  /** The gate's day, ISO. */
  today: string | null;
  /** Once provisioned: the items' issues. */
  issues: ItemIssues | null;
};

/** The record, section by section, with the YAML of the whole as the last section. */
export function RecordEditor({
  record,
  blockers,
  section,
  onSection,
  onGoTo,
  yamlFocus,
  reveal,
  today,
  issues,
}: Props) {
  const { text, problems, editText, draft } = record;
  const doc = useMemo(() => parseDoc(text), [text]);
  const form: FormContext = useMemo(
    () => ({
      doc,
      problems: byPath(problems),
      blockers: byPath(blockers),
      readOnly: doc.errors.length > 0,
      edit: (path, value) => editText((t) => withValue(t, path, value)),
      addItem: (path, item) => editText((t) => withItem(t, path, item)),
      removeItem: (path) => editText((t) => withoutItem(t, path)),
    }),
    [doc, problems, blockers, editText],
  );
  const dues = useMemo(() => (draft ? resolvedDues(draft) : new Map<string, string>()), [draft]);
  const lists: ListContext = { reveal, today, dues, recordId: record.saved?.id ?? null, issues };
  const people = useMemo(() => recordPeople(doc), [doc]);
  const current = SECTIONS.find((s) => s.id === section);
  const countIn = (base: (path: string) => boolean) => [...problems, ...blockers].filter((p) => base(p.path)).length;

  return (
    <div className="record-editor">
      <nav className="section-nav" aria-label="Record sections">
        <ul>
          {SECTIONS.map((s) => {
            const count = countIn((p) => sectionHas(s, p));
            return (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={s.id === section ? 'page' : undefined}
                  onClick={() => onSection(s.id)}
                >
                  {s.title}
                  {count > 0 && (
                    <span className="nav-count" aria-label={`${count} to fix`}>
                      {count}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
          <li>
            <button
              type="button"
              aria-current={section === YAML_SECTION ? 'page' : undefined}
              onClick={() => onSection(YAML_SECTION)}
            >
              YAML
              {problems.length > 0 && (
                <span className="nav-count" aria-label={`${problems.length} problems`}>
                  {problems.length}
                </span>
              )}
            </button>
          </li>
        </ul>
      </nav>
      <div className="section-body">
        {form.readOnly && section !== YAML_SECTION && (
          <Message
            kind="error"
            title="The YAML does not parse"
            actions={
              <button type="button" className="link-button" onClick={() => onSection(YAML_SECTION)}>
                Open the YAML
              </button>
            }
          >
            <p>Fix the syntax in the YAML section to edit the form again; nothing you typed is lost.</p>
          </Message>
        )}
        {current ? (
          <RecordPeopleProvider value={people}>
            <SectionForm form={form} spec={current} onGoTo={onGoTo} lists={lists} />
          </RecordPeopleProvider>
        ) : (
          <YamlEditor
            text={text}
            problems={problems}
            blockers={blockers}
            focusRequest={yamlFocus}
            onChange={record.setText}
          />
        )}
      </div>
    </div>
  );
}
