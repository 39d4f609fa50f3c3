import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { PEOPLE_ROLES } from '../../../../src/domain/record/record';
import { pickedEmail, type FoundPerson, type PeopleSearch } from '../../../../src/domain/record/picked-person';
import * as api from '../api';
import { HiddenEmail } from './HiddenEmail';
import { PersonAvatar } from './PersonAvatar';
import { remember } from './people-store';
import { useRecordPeople } from './record-people';
import { roleLabel, suggestions, type Suggestion } from './suggestions';
import { usePeople, type People } from './use-people';

type Props = {
  /** The field's own input attributes (id, value, label wiring, focus handling). */
  input: InputHTMLAttributes<HTMLInputElement> & { id: string; value: string };
  /** Owner fields take a role of `people` as well; a People role itself takes a person. */
  roles: boolean;
  /** The text as the record stores it: an e-mail or a role. */
  onType(text: string): void;
};

/** Jira is searched once typing pauses this long, and only from this many characters. */
const SEARCH_PAUSE_MS = 250;
const SEARCH_FROM = 2;

/**
 * An owner field as a combobox (the ARIA 1.2 pattern): what the record stores stays typed in the
 * input (an e-mail or a role), and the list under it offers the record's roles and people and
 * Jira's matches, each with name and avatar. Picking a person stores their e-mail (picked-person.ts);
 * someone whose e-mail Jira hides is asked for it. Beside the input: who the value is, by name.
 */
export function OwnerCombobox({ input, roles, onType }: Props) {
  const record = useRecordPeople();
  const people = usePeople([input.value, ...Object.values(record.roles), ...record.contacts]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [search, setSearch] = useState<PeopleSearch>({ query: '', found: [] });
  const [asking, setAsking] = useState<FoundPerson | null>(null);
  const query = useRef('');
  const listId = `${input.id}:people`;

  useEffect(() => {
    const text = input.value.trim();
    if (!open || text.length < SEARCH_FROM || PEOPLE_ROLES.some((r) => r === text)) return;
    query.current = text;
    const timer = setTimeout(() => {
      void api.searchPeople({ query: text }).then((answer) => {
        if (answer.ok && query.current === text) setSearch({ query: text, found: answer.value });
      });
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [input.value, open]);

  const shownFound = search.query === input.value.trim() ? search.found : [];
  const options = open
    ? suggestions({
        query: input.value,
        roles,
        people: record,
        found: shownFound,
        nameOf: people.nameOf,
        accountOf: (email) => people.personOf(email)?.accountId,
      })
    : [];

  const pick = (option: Suggestion) => {
    setOpen(false);
    setActive(-1);
    if (option.kind === 'role') return onType(option.role);
    if (option.kind === 'known') return onType(option.email);
    const picked = pickedEmail(option.person, search);
    if (picked.kind === 'hidden') return setAsking(option.person);
    remember(picked.email, option.person);
    onType(picked.email);
  };

  return (
    <div className="owner-combobox">
      <div className="owner-combobox-row">
        <input
          {...input}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 && options[active] ? `${listId}:${active}` : undefined}
          onChange={(e) => {
            onType(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={(e) => {
            input.onFocus?.(e);
            setOpen(true);
          }}
          onBlur={(e) => {
            input.onBlur?.(e);
            setOpen(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setOpen(true);
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((i) => (options.length ? (i + step + options.length) % options.length : -1));
            } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
              e.preventDefault();
              pick(options[active]);
            } else if (e.key === 'Escape' && open) {
              e.preventDefault();
              setOpen(false);
            }
          }}
        />
        <Who value={input.value} people={people} roles={record.roles} />
      </div>
      <ul id={listId} role="listbox" className="owner-options" hidden={options.length === 0} aria-label="People">
        {options.map((option, i) => (
          <li
            key={keyOf(option)}
            id={`${listId}:${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'owner-option active' : 'owner-option'}
            // Before the input's blur: the click must land on the option, not on a closed list.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
          >
            <OptionLine option={option} people={people} />
          </li>
        ))}
      </ul>
      {asking && (
        <HiddenEmail
          person={asking}
          onDone={(email) => {
            remember(email, asking);
            setAsking(null);
            onType(email);
            // After the field has rendered the new value: focusing it shows what it holds.
            requestAnimationFrame(() => document.getElementById(input.id)?.focus());
          }}
          onCancel={() => {
            setAsking(null);
            requestAnimationFrame(() => document.getElementById(input.id)?.focus());
          }}
        />
      )}
    </div>
  );
}

function keyOf(option: Suggestion): string {
  return option.kind === 'role'
    ? `r:${option.role}`
    : option.kind === 'known'
      ? `k:${option.email}`
      : option.person.accountId;
}

function OptionLine({ option, people }: { option: Suggestion; people: People }) {
  if (option.kind === 'role') {
    const person = option.email ? people.personOf(option.email) : null;
    return (
      <>
        <PersonAvatar person={person ?? null} />
        <span className="owner-option-text">
          <span className="owner-option-name">
            {roleLabel(option.role)} <span className="owner-option-tag">role</span>
          </span>
          <span className="owner-option-detail">
            {option.email ? people.nameOf(option.email) : 'nobody fills it yet'}
          </span>
        </span>
      </>
    );
  }
  const person = option.kind === 'found' ? option.person : (people.personOf(option.email) ?? null);
  const email = option.kind === 'found' ? option.person.email : option.email;
  return (
    <>
      <PersonAvatar person={person} />
      <span className="owner-option-text">
        <span className="owner-option-name">{person?.displayName ?? email}</span>
        <span className="owner-option-detail">{email ?? 'e-mail kept private in Jira'}</span>
      </span>
    </>
  );
}

/** Who the stored value is: a role's person, or the e-mail's, by name; nothing when Jira does not know them. */
function Who({ value, people, roles }: { value: string; people: People; roles: Record<string, string | undefined> }) {
  const role = PEOPLE_ROLES.find((r) => r === value.trim());
  const email = role ? roles[role] : value.trim();
  const person = email ? people.personOf(email) : null;
  if (!person) return null;
  return (
    <span className="owner-who" title={email}>
      <PersonAvatar person={person} />
      <span>{person.displayName}</span>
    </span>
  );
}
