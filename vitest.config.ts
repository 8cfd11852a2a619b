import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node (WebCrypto, fake-indexeddb); the real-browser tests
// are Playwright's (test/e2e, playwright.config.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files in parallel workers, but never more than the machine has.
    maxWorkers: 2,
    // The content script's stylesheets (src/content/*.css, imported `?inline`) reach the tests as
    // their text, as in the build; Vitest would hand every CSS import over empty otherwise.
    css: { include: [/src\/content\/[^/]+\.css/] },
  },
});
