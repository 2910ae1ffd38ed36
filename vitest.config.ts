import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // tests build their scanners once per file; threads keep that cheap
    pool: 'threads',
  },
});
