import { createJobsClient, type JobsClientOptions } from "@flatfile-jobs/core";
import { type PrismServer, startValidatingProxy } from "@flatfile-jobs/tools/prism";
import { type JobsSimulator, type SimulatorOptions, startJobsSimulator } from "../src/index.js";

/**
 * The simulator behind Prism in proxy mode with `--errors`: every request and every response is validated
 * against openapi/openapi.yaml, and a violation comes back as an error status, so it fails the test.
 */
export async function simulatorBehindPrism(options: SimulatorOptions = {}) {
  const simulator: JobsSimulator = await startJobsSimulator(options);
  let prism: PrismServer;
  try {
    prism = await startValidatingProxy(simulator);
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const client = (extra: Partial<JobsClientOptions> = {}) =>
    createJobsClient({ token: "sk_simulated_key", baseUrl: prism.url, maxRetries: 0, ...extra });
  return {
    simulator,
    prism,
    client,
    close: async () => {
      await Promise.all([prism.stop(), simulator.close()]);
    },
  };
}
