import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'adapters/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts'],
        },
      },
      {
        // docker-compose v1 parity and hostile inputs: need `npm run build`, v1 and the engine
        test: {
          name: 'hardening',
          include: ['test/parity/**/*.test.ts', 'test/hostile/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'examples/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
