import { render } from '@testing-library/react';
import { App, type ScreenId } from '../../renderer/src/App';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import type { Api } from '../../renderer/src/api/client';

/** Renders the whole app against an injected Api (usually createFakeApi()). */
export function renderApp(api: Api, initialScreen: ScreenId = 'today') {
  return render(
    <ApiProvider api={api}>
      <App initialScreen={initialScreen} />
    </ApiProvider>,
  );
}
