import { defineConfig } from '@playwright/test';

// The Firefox suite: Playwright Test runs it, Puppeteer drives Firefox ESR over WebDriver BiDi
// (test/e2e-firefox/fixtures.ts). One worker: two cores, and every test owns a browser.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  // A deadline, not a measurement: Firefox over BiDi on a shared two-core machine is slow to start.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/firefox',
});
