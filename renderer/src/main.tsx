import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/ApiContext';
import { createApi } from './api/client';

// Bootstrap only: the API is created once here and handed down; screens live in App and features/.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createApi()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
