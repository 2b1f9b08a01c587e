import { defineConfig } from "vitest/config";

// The test runs in Node: it builds nothing itself (`npm test` runs `vite build` first), serves dist/ with Vite's
// preview server and drives Chromium with playwright-core.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    hookTimeout: 120_000,
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
