import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { takeTokenFromAddress } from './api/client.ts';
import { I18nProvider } from './i18n/index.tsx';
import './styles.css';

// Before anything else runs: move the bridge token from the address bar into memory.
takeTokenFromAddress();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
