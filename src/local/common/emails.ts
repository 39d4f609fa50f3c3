/** E-mail helpers both emulators use to name the people they seed or add. */

export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** `maria.lopez@vendor.example` → `Maria Lopez`. */
export function displayNameFor(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local.split(/[._+-]+/).filter(Boolean).map((word) => word[0]?.toUpperCase() + word.slice(1)).join(' ') || email;
}
