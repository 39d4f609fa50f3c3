import { useState } from 'react';
import type { FoundPerson } from '../../../../src/domain/record/picked-person';

/**
 * A person's Jira avatar, drawn round as Jira draws it; their initials when the picture cannot
 * load (no avatar URL, or a site that serves none). Decorative: the name is always beside it.
 */
export function PersonAvatar({ person, size = 24 }: { person: FoundPerson | null; size?: 16 | 24 | 32 }) {
  const [failed, setFailed] = useState<string | null>(null);
  const src = person?.avatarUrl ?? null;
  const style = { width: size, height: size };
  if (src && failed !== src)
    return <img className="avatar" src={src} alt="" style={style} onError={() => setFailed(src)} />;
  const initials = (person?.displayName ?? '?')
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <span className="avatar avatar-initials" style={style} aria-hidden="true">
      {initials}
    </span>
  );
}
