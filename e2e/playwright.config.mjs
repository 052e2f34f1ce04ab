// Playwright drives Debian's Chromium (never a downloaded browser) against the real server that
// `./x e2e` starts; BASE_URL and LOANLENS_DB come from that script.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../target/e2e/results',
  use: {
    testIdAttribute: 'data-test',
    baseURL: process.env.BASE_URL || 'http://127.0.0.1:8080',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
