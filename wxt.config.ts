import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { BASE_API_HOST_PERMISSIONS, KSEF_API_HOST_PERMISSIONS } from './src/platform/hosts';

// E2E builds may also talk to loopback servers (harness.md §6, "API, option 2"). Production
// builds never do: they reach the real hosts, which tests replace with `context.route`.
const e2e = process.env.E2E === '1';

export default defineConfig({
  imports: false, // no auto-imports: every module says what it uses
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'pl',
    // Only what the code uses (issue 2 acceptance). `storage` holds non-secret settings and the
    // change counter that wakes the panel badges.
    permissions: ['storage'],
    host_permissions: [
      ...KSEF_API_HOST_PERMISSIONS,
      ...BASE_API_HOST_PERMISSIONS,
      ...(e2e ? ['http://127.0.0.1/*'] : []),
    ],
    action: { default_title: '__MSG_extName__' },
    // libxml2-wasm (FA(3) XSD validation) needs wasm in extension pages and the worker
    // (xsd-validation.md §1, "CSP").
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    web_accessible_resources: [],
  },
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.web_accessible_resources?.length === 0) delete manifest.web_accessible_resources;
    },
  },
});
