import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
// By path, not as @flatfile-jobs/tools/chromium: Vite bundles a config's relative imports (TypeScript included), but
// leaves package imports to Node, which cannot load the tools package's TypeScript source.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tools/src/chromium.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts Prism on the spec on a free 127.0.0.1 port; the page is served from another origin.
    globalSetup: ["test/prism-setup.ts"],
    // The global setup has Prism compile the plan operations' validators (seconds of CPU each) before any test;
    // Chromium and Prism on a busy machine can still take longer than vitest's 5 s default.
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      // Debian's Chromium (installed by `pnpm test` when missing); nothing is downloaded.
      provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
      instances: [{ browser: "chromium" }],
    },
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
