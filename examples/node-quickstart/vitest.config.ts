import { defineConfig } from "vitest/config";

// The tests talk to servers on 127.0.0.1; a proxy set on a developer's machine (HTTP_PROXY, HTTPS_PROXY) must not
// carry that traffic. Tests of proxies pass their own environment.
const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY, "127.0.0.1", "localhost"].filter(Boolean).join(",");

export default defineConfig({
  test: {
    env: { no_proxy: noProxy, NO_PROXY: noProxy },
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
