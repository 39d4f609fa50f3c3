import { useEffect, useState } from 'react';
import { Handoff } from './Handoff';
import { loadPageContext, type PageContext } from './page-context';
import { ReaderProvider } from './ui/dates';
import { Message } from './ui/Message';

/** Finds out which project page this is, then shows that project's handoff. */
export function App() {
  const [context, setContext] = useState<PageContext | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadPageContext().then(setContext, (error: unknown) =>
      setFailure(error instanceof Error ? error.message : String(error)),
    );
  }, []);

  if (failure)
    return (
      <Message kind="error" title="Handoff could not start">
        This page must be opened as a Jira project page. ({failure})
      </Message>
    );
  if (!context)
    return (
      <p aria-busy="true" className="page-loading">
        Loading…
      </p>
    );
  return (
    <ReaderProvider reader={{ locale: context.locale, timeZone: context.timeZone }}>
      <Handoff context={context} />
    </ReaderProvider>
  );
}
