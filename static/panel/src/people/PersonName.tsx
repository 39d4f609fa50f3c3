import { PersonAvatar } from './PersonAvatar';
import type { People } from './use-people';

/** A person as Jira shows one — avatar and name, the e-mail on hover — or the e-mail while Jira has not named them. */
export function PersonName({ email, people }: { email: string; people: People }) {
  const person = people.personOf(email);
  if (!person) return <span className="person-name">{email}</span>;
  return (
    <span className="person-name" title={email}>
      <PersonAvatar person={person} size={16} />
      <span>{person.displayName}</span>
    </span>
  );
}
