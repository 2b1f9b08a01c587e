import { defineConfig } from "vitest/config";

// The tests talk to servers on 127.0.0.1; a proxy set on a developer's machine (HTTP_PROXY, HTTPS_PROXY) must not
// carry that traffic. Tests of proxies pass their own environment.
const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY, "127.0.0.1", "localhost"].filter(Boolean).join(",");

export default defineConfig({
  test: {
    env: { no_proxy: noProxy, NO_PROXY: noProxy },
    include: ["test/**/*.test.ts"],
    // Starts Prism on the spec (static and dynamic) on free 127.0.0.1 ports, and stops both afterwards.
    globalSetup: ["test/prism-setup.ts"],
    // The global setup has Prism compile the plan operations' validators (seconds of CPU each) before any test.
    // Tests still wait on Prism, child processes and local servers, which a busy machine slows past 5 s.
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
