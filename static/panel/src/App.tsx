import { lazy, Suspense, useEffect, useState } from 'react';
import { loadPageContext, type PageContext } from './page-context';
import { ReaderProvider } from './ui/dates';
import { Message } from './ui/Message';

// One resource serves every module: each view is its own chunk, so an issue loads only what it shows.
const Handoff = lazy(() => import('./Handoff').then((m) => ({ default: m.Handoff })));
const IssueContext = lazy(() => import('./issue-context/IssueContext').then((m) => ({ default: m.IssueContext })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

const loading = (
  <p aria-busy="true" className="page-loading">
    Loading…
  </p>
);

/** Finds out which module and project this is, then shows that project's handoff, or the promise behind an issue. */
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
        This page must be opened inside Jira: a project page, an issue or project settings. ({failure})
      </Message>
    );
  if (!context) return loading;
  return (
    <ReaderProvider reader={{ locale: context.locale, timeZone: context.timeZone }}>
      <Suspense fallback={loading}>
        {context.module.kind === 'issue-context' ? (
          <IssueContext context={context} issueKey={context.module.issueKey} />
        ) : context.module.kind === 'settings' ? (
          <SettingsPage context={context} />
        ) : (
          <Handoff context={context} />
        )}
      </Suspense>
    </ReaderProvider>
  );
}
