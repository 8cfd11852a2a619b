import { render } from 'preact';
import '../../src/ui/base.css';
import '../../src/ui/invoices/invoices.css';
import { browserPlatform } from '../../src/ui/components/browser-platform';
import { PlatformProvider } from '../../src/ui/components/platform';
import { isStateFilter } from '../../src/ui/invoices/filter';
import { InvoicesPage } from '../../src/ui/invoices/InvoicesPage';

const q = new URLSearchParams(location.search);
const state = q.get('state');
render(
  <PlatformProvider platform={browserPlatform()}>
    <InvoicesPage initialInvoice={q.get('invoice')} {...(isStateFilter(state) ? { initialState: state } : {})} />
  </PlatformProvider>,
  document.getElementById('app') as HTMLElement,
);
