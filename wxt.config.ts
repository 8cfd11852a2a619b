import { resolve as resolvePathFrom } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type WxtViteConfig } from 'wxt';
import {
  BASE_API_HOST_PERMISSIONS,
  KSEF_API_HOST_PERMISSIONS,
  NBP_API_HOST_PERMISSIONS,
  PANEL_MATCHES,
} from './src/platform/hosts';

// E2E builds may also talk to loopback servers (docs/harness.md §6, "API, option 2"). Production
// builds never do: they reach the real hosts, which tests replace with `context.route`.
const e2e = process.env.E2E === '1';

const resolvePath = (p: string) => resolvePathFrom(import.meta.dirname, p);

type Plugin = NonNullable<WxtViteConfig['plugins']>[number];

/**
 * libxml2-wasm (FA(3) XSD validation) starts with a top-level `await moduleLoader()`, which a
 * classic MV3 service worker cannot contain (docs/xsd-validation.md §3.3, pitfall 1). Replace it by the
 * module that src/background/libxml2-loader.ts instantiates before the validator is first used.
 */
const libxml2WithoutTla: Plugin = {
  name: 'libxml2-wasm-without-tla',
  enforce: 'pre',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('/libxml2-wasm/lib/libxml2.mjs')) return;
    const tla = 'const libxml2 = await moduleLoader();';
    if (!code.includes(tla)) this.error('libxml2-wasm changed: top-level await not found, update the patch');
    return code.replace(
      tla,
      "const libxml2 = globalThis.__libxml2wasm; if (!libxml2) throw new Error('libxml2-wasm used before loadLibxml2()');",
    );
  },
};

export default defineConfig({
  imports: false, // no auto-imports: every module says what it uses
  // A separate output folder lets several test runs build side by side (test/e2e/fixtures.ts).
  outDir: process.env.KSEF_OUT_DIR ?? '.output',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact(), libxml2WithoutTla],
    // The content script's context: a small stand-in for wxt's class (src/platform/content-context.ts).
    resolve: {
      alias: { 'wxt/utils/content-script-context': resolvePath('src/platform/content-context.ts') },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'pl',
    // Only what the code uses: `storage` for non-secret settings and the
    // change counter that wakes the panel badges, `alarms` for polling and waits, `notifications`
    // for rejections and a finished export.
    // `scripting` and `downloads`: "Zgłoś układ strony" reads the shape of a panel page in its tab
    // and saves it as a file (src/background/services/page-layout.ts); executing in a tab needs
    // that tab's host, so Chrome gets the panel hosts too (Firefox asks the user for hosts itself,
    // src/platform/host-access.ts).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'downloads'],
    host_permissions: [
      ...(browser === 'firefox' ? [] : PANEL_MATCHES),
      ...KSEF_API_HOST_PERMISSIONS,
      ...BASE_API_HOST_PERMISSIONS,
      ...NBP_API_HOST_PERMISSIONS,
      ...(e2e ? ['http://127.0.0.1/*'] : []),
    ],
    action: { default_title: '__MSG_extName__' },
    // libxml2-wasm (FA(3) XSD validation) and zlib (the batch package's deflate, src/ksef/zlib) need
    // wasm in extension pages and the worker (docs/xsd-validation.md §1, "CSP").
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    web_accessible_resources: [],
    ...(browser === 'firefox' ? firefoxManifest() : {}),
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.web_accessible_resources?.length === 0) delete manifest.web_accessible_resources;
    },
  },
});

// ---- Firefox only (`wxt build -b firefox`, `wxt zip -b firefox`) ---------------------------------

/** The add-on id: Firefox MV3 needs one, and the tests pin the add-on's UUID by it. */
export const FIREFOX_ADDON_ID = 'ksef-dla-base@ksef-base.pl';

/**
 * Firefox's manifest differs from Chrome's only here. WXT already turns the background into an
 * event page (`background.scripts`). The id is fixed. Firefox 140 is the first ESR that reads
 * AMO's data-collection declaration (this extension collects nothing); it has `storage.session`,
 * `wasm-unsafe-eval` and MV3 host permissions that the user grants (src/platform/host-access.ts).
 * Test builds only: the extension pages are exposed to 127.0.0.1, because WebDriver BiDi refuses
 * to open `moz-extension://` URLs and a local page navigates to them instead
 * (test/e2e-firefox/README.md).
 */
function firefoxManifest() {
  return {
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads the data-collection declaration from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    },
    ...(e2e
      ? {
          web_accessible_resources: [
            { resources: ['popup.html', 'options.html', 'print.html'], matches: ['http://127.0.0.1/*'] },
          ],
        }
      : {}),
  };
}
