import { render } from 'preact';
import '../../src/ui/base.css';
import '../../src/ui/purchases/purchases.css';
import { browserPlatform } from '../../src/ui/components/browser-platform';
import { PlatformProvider } from '../../src/ui/components/platform';
import { idbPurchaseData } from '../../src/ui/purchases/data';
import { PurchasesPage } from '../../src/ui/purchases/PurchasesPage';

render(
  <PlatformProvider platform={browserPlatform()}>
    <PurchasesPage data={idbPurchaseData()} />
  </PlatformProvider>,
  document.getElementById('app') as HTMLElement,
);
