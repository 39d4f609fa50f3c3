import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** The reader's locale and time zone, from the Forge page context (Jira's own profile settings). */
export type Reader = { locale: string; timeZone: string };

const ReaderContext = createContext<Reader>({ locale: 'en-US', timeZone: 'UTC' });

export function ReaderProvider({ reader, children }: { reader: Reader; children: ReactNode }) {
  return <ReaderContext.Provider value={reader}>{children}</ReaderContext.Provider>;
}

/**
 * Every date and time the page shows, in one format the reader's locale gives: a moment
 * ("7 Dec 2026, 03:42") in their time zone, a calendar day of the record ("1 Dec 2026") as that
 * day wherever they are. The record itself, and its inputs, keep ISO dates.
 */
export function useDates() {
  const { locale, timeZone } = useContext(ReaderContext);
  return useMemo(() => {
    const moment = safeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const day = safeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      /** An ISO timestamp (`2026-12-07T03:42:26.000Z`). */
      moment: (iso: string) => moment.format(new Date(iso)),
      /** A record's day (`2026-12-01`); anything else (a relative date not resolved) is shown as written. */
      day: (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? day.format(new Date(`${value}T00:00:00Z`)) : value),
    };
  }, [locale, timeZone]);
}

/** A locale or zone the browser does not know falls back to its own, never to an error on the page. */
function safeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: undefined });
  }
}
