import { defineConfig } from '@playwright/test';

// End-to-end tests drive the BUILT extension (.output/chrome-mv3, made by `npm run build:e2e`)
// in Debian's Chromium; see test/e2e/fixtures.ts. One worker: two cores, and every test owns a browser.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure' },
});
