import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import type { BrowserCommandContext } from "vitest/node";
// By path, not as @flatfile-jobs/tools/chromium: Vite bundles a config's relative imports (TypeScript included), but
// leaves package imports to Node, which cannot load the tools package's TypeScript source.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tools/src/chromium.ts";

import type { TestServers } from "./test/simulator-setup.ts";

// The servers the global setup started (test/simulator-setup.ts), in this same Node process.
const servers = (): TestServers => {
  const state = (globalThis as Record<symbol, { servers?: TestServers } | undefined>)[
    Symbol.for("@flatfile-jobs/react/test-servers")
  ];
  if (!state?.servers) throw new Error("the test servers are not running (test/simulator-setup.ts starts them)");
  return state.servers;
};
const simulator = () => servers().simulator;
type Args<Method extends "seed" | "update" | "script" | "job"> = Parameters<TestServers["simulator"][Method]>;

/** What the tests in Chromium may ask of the simulator (see test/commands.ts). */
const commands = {
  seed: (_context: BrowserCommandContext, ...args: Args<"seed">) => simulator().seed(...args),
  update: (_context: BrowserCommandContext, ...args: Args<"update">) => void simulator().update(...args),
  // Not awaited: the script runs on while the page watches.
  script: (_context: BrowserCommandContext, ...args: Args<"script">) => void simulator().script(...args),
  job: (_context: BrowserCommandContext, ...args: Args<"job">) => simulator().job(...args) ?? null,
  requests: () => simulator().requests(),
  held: () => servers().hold.held(),
};

export default defineConfig({
  test: {
    globalSetup: ["test/simulator-setup.ts"],
    // Chromium and two Prism proxies on a busy 2-core machine can take longer than vitest's 5 s default.
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
    projects: [
      {
        extends: true,
        test: {
          name: "chromium",
          include: ["test/**/*.test.tsx", "test/**/*.test.ts"],
          exclude: ["test/**/*.node.test.tsx"],
          browser: {
            enabled: true,
            headless: true,
            // Debian's Chromium (installed by `pnpm test` when missing); nothing is downloaded.
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: "chromium" }],
            commands,
          },
        },
      },
      {
        extends: true,
        test: { name: "server", include: ["test/**/*.node.test.tsx"], environment: "node" },
      },
    ],
  },
});
