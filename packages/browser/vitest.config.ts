import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Everything the page imports is already ESM. Without this, Vite's dependency scan leaves native handles
  // open after the run and vitest waits 10 s before it can exit.
  optimizeDeps: { noDiscovery: true, include: [] },
  test: {
    include: ["test/**/*.test.ts"],
    // Starts Prism on the spec on a free 127.0.0.1 port; the page is served from another origin.
    globalSetup: ["test/prism-setup.ts"],
    // Prism compiles validators for an operation's schemas on its first request; for the plan operations that
    // takes seconds of CPU.
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      // Debian's Chromium (installed by `pnpm test` when missing); nothing is downloaded.
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          // Without the background-networking flags Chromium keeps dialling out, which a closed network refuses.
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      }),
      instances: [{ browser: "chromium" }],
    },
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
