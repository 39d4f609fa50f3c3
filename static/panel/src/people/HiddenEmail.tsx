import { useEffect, useId, useRef, useState } from 'react';
import { pickedEmail, type FoundPerson } from '../../../../src/domain/record/picked-person';
import * as api from '../api';
import { Button } from '../ui/Button';

type Props = { person: FoundPerson; onDone(email: string): void; onCancel(): void };

/**
 * The record names people by e-mail, and Jira hides this person's. The lead types it; it is
 * taken only if Jira's search by that exact address finds this very person (the same rule as a
 * pick: picked-person.ts), so a typo never makes someone else the owner.
 */
export function HiddenEmail({ person, onDone, onCancel }: Props) {
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const check = async () => {
    setChecking(true);
    setProblem(null);
    const query = email.trim().toLowerCase();
    const answer = await api.searchPeople({ query });
    setChecking(false);
    if (!answer.ok) return setProblem(answer.error.message);
    const picked = pickedEmail(person, { query, found: answer.value });
    if (picked.kind === 'email' && answer.value.some((p) => p.accountId === person.accountId))
      return onDone(picked.email);
    setProblem(`Jira does not know ${email.trim()} as ${person.displayName}'s e-mail; check it and try again.`);
  };

  return (
    <form
      className="hidden-email"
      onSubmit={(event) => {
        event.preventDefault();
        void check();
      }}
    >
      <label htmlFor={inputId}>
        {person.displayName} keeps their e-mail private in Jira. Type it to make them the owner:
      </label>
      <div className="hidden-email-row">
        <input
          ref={input}
          id={inputId}
          type="email"
          value={email}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setEmail(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
        <Button type="submit" disabled={checking || !email.includes('@')}>
          Use this e-mail
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
