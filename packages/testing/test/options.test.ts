import { InvalidArgumentError } from "@flatfile-jobs/core";
import getPort from "get-port";
import { describe, expect, it } from "vitest";
import { type SimulatorOptions, startJobsSimulator } from "../src/index.js";

const start = (options: unknown) => startJobsSimulator(options as SimulatorOptions);

describe("startJobsSimulator checks its options at the call", () => {
  const DURATION = "a number of milliseconds from 0 to 2147483647 (about 24.8 days)";
  it.each([
    [
      "the old name latencyMs",
      { latencyMs: 50 },
      'SimulatorOptions has no option "latencyMs": use latency (in milliseconds). Its options are port, latency, requestLogSize.',
    ],
    [
      "an unknown option",
      { host: "0.0.0.0" },
      'SimulatorOptions has no option "host". Its options are port, latency, requestLogSize.',
    ],
    ["options that are not an object", 5, "SimulatorOptions must be an options object, got 5."],
    ["a negative latency", { latency: -5 }, `latency must be ${DURATION}, got -5.`],
    ["a latency in a string", { latency: "10" }, `latency must be ${DURATION}, got "10".`],
    ["a latency of NaN", { latency: Number.NaN }, `latency must be ${DURATION}, got NaN.`],
    ["a latency longer than a timer holds", { latency: 2 ** 31 }, `latency must be ${DURATION}, got 2147483648.`],
    ["a port above 65535", { port: 70_000 }, "port must be a whole number from 0 to 65535, got 70000."],
    ["a fractional port", { port: 80.5 }, "port must be a whole number from 0 to 65535, got 80.5."],
    ["a port in a string", { port: "8080" }, 'port must be a whole number from 0 to 65535, got "8080".'],
  ])("refuses %s with InvalidArgumentError", async (_case, options, message) => {
    const started = start(options);
    await expect(started).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(started).rejects.toThrow(message);
  });

  it("follows core's rules: an option set to undefined is left out, and a key-shaped value is never quoted", async () => {
    const simulator = await startJobsSimulator({
      port: undefined,
      latency: undefined,
      host: undefined,
    } as SimulatorOptions);
    await simulator.close();
    const key = "sk_live_in_the_wrong_option_2";
    await expect(start({ latency: key })).rejects.toThrow(`latency must be ${DURATION}, got "[redacted]".`);
  });

  it("listens on the port it is given, and picks a free one without", async () => {
    const port = await getPort({ host: "127.0.0.1" });
    const fixed = await startJobsSimulator({ port });
    const free = await startJobsSimulator();
    try {
      expect(fixed.port).toBe(port);
      expect(fixed.url).toBe(`http://127.0.0.1:${port}/v1`);
      expect(free.port).toBeGreaterThan(0);
      expect(free.url).toBe(`http://127.0.0.1:${free.port}/v1`);
    } finally {
      await Promise.all([fixed.close(), free.close()]);
    }
  });

  it("delays every answer by latency", async () => {
    const simulator = await startJobsSimulator({ latency: 150 });
    try {
      const started = performance.now();
      const response = await fetch(`${simulator.url}/jobs`, {
        headers: { Authorization: "Bearer sk_test", "X-Disable-Hooks": "true" },
      });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      const [request] = simulator.requests();
      expect((request?.answeredAt ?? 0) - (request?.receivedAt ?? 0)).toBeGreaterThanOrEqual(145);
    } finally {
      await simulator.close();
    }
  });

  it("script refuses an interval that is not a duration, before it changes anything", async () => {
    const simulator = await startJobsSimulator();
    try {
      const [job] = simulator.seed(1);
      const jobId = job?.id ?? "";
      expect(() => simulator.script(jobId, [{ status: "executing" }], -1)).toThrow(
        new InvalidArgumentError(`interval must be ${DURATION}, got -1.`),
      );
      expect(simulator.job(jobId)?.status).toBe("created");
      await simulator.script(jobId, [{ status: "executing", progress: 5 }, { progress: 10 }], 1);
      expect(simulator.job(jobId)).toMatchObject({ status: "executing", progress: 10 });
    } finally {
      await simulator.close();
    }
  });
});
