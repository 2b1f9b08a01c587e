import { defineConfig } from "vitest/config";

// The tests talk to servers on 127.0.0.1; a proxy set on a developer's machine (HTTP_PROXY, HTTPS_PROXY) must not
// carry that traffic. Tests of proxies pass their own environment.
const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY, "127.0.0.1", "localhost"].filter(Boolean).join(",");

export default defineConfig({
  test: {
    env: { no_proxy: noProxy, NO_PROXY: noProxy },
    include: ["test/**/*.test.ts"],
    // No global setup: cli.test.ts starts its own Prism (a validating proxy in front of the Jobs simulator) in
    // beforeAll, and never calls the plan operations whose validators the node suite has Prism compile up front.
    // The tests run the built binary as a child process, which a busy machine slows past 5 s.
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest.json" },
  },
});
