import { render } from 'preact';
import '../../src/ui/base.css';
import { browserPlatform } from '../../src/ui/components/browser-platform';
import { PlatformProvider } from '../../src/ui/components/platform';
import { Print } from '../../src/ui/print/Print';

render(
  <PlatformProvider platform={browserPlatform()}>
    <Print invoiceId={new URLSearchParams(location.search).get('invoice')} />
  </PlatformProvider>,
  document.getElementById('app') as HTMLElement,
);
