import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { enableTheme } from './theme';

const root = document.getElementById('root');
if (root) {
  // Theme first, so the page never flashes light in a dark Jira.
  void enableTheme().finally(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
