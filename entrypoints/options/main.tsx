import { render } from 'preact';
import '../../src/ui/base.css';
import { browserPlatform } from '../../src/ui/components/browser-platform';
import { PlatformProvider } from '../../src/ui/components/platform';
import { isTabId, Options } from '../../src/ui/options/Options';

// `options.html#export` opens the export tab directly (links from the popup, screenshots).
const hash = location.hash.slice(1);

render(
  <PlatformProvider platform={browserPlatform()}>
    <Options initialTab={isTabId(hash) ? hash : undefined} />
  </PlatformProvider>,
  document.getElementById('app') as HTMLElement,
);
