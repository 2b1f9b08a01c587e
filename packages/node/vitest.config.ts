import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts Prism on the spec (static and dynamic) on free 127.0.0.1 ports, and stops both afterwards.
    globalSetup: ["test/prism-setup.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
