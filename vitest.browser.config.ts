// The browser suite (npm run test:browser): Debian's chromium driven by playwright-core against
// the real server. Kept apart from `npm test`, which must pass on a machine without chromium.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
