import { render } from 'preact';
import '../../src/ui/base.css';
import { browserPlatform } from '../../src/ui/components/browser-platform';
import { PlatformProvider } from '../../src/ui/components/platform';
import { Popup } from '../../src/ui/popup/Popup';

render(
  <PlatformProvider platform={browserPlatform()}>
    <Popup />
  </PlatformProvider>,
  document.getElementById('app') as HTMLElement,
);
