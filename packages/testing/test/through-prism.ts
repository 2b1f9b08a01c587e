import { createJobsClient, type JobsClientOptions } from "@flatfile-jobs/core";
import { type PrismServer, startPrism } from "../../../scripts/lib/prism.mjs";
import { type JobsSimulator, type SimulatorOptions, startJobsSimulator } from "../src/index.js";

/**
 * The simulator behind Prism in proxy mode with `--errors`: every request and every response is validated
 * against openapi/openapi.yaml, and a violation comes back as an error status, so it fails the test.
 */
export async function simulatorBehindPrism(options: SimulatorOptions = {}) {
  const simulator: JobsSimulator = await startJobsSimulator(options);
  let prism: PrismServer;
  try {
    prism = await startPrism({ proxy: new URL(simulator.url).origin, errors: true });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  const client = (extra: Partial<JobsClientOptions> = {}) =>
    createJobsClient({ token: "sk_simulated_key", baseUrl: prism.url, maxRetries: 0, ...extra });
  try {
    await warmUp(client());
  } catch (error) {
    await Promise.all([prism.stop(), simulator.close()]);
    throw error;
  }
  return {
    simulator,
    prism,
    client,
    close: async () => {
      await Promise.all([prism.stop(), simulator.close()]);
    },
  };
}

/**
 * Prism compiles an operation's validators on its first request: for the execution plan's three operations (the
 * Job and Property schemas) that is 2-5 s of CPU each, several times more on a busy machine. Sending each once
 * here, under the hook timeout, keeps that out of the tests' own time. The job is deleted afterwards.
 */
async function warmUp(client: ReturnType<typeof createJobsClient>) {
  const { jobs } = client;
  const { data: job } = await jobs.create({ type: "workbook", operation: "warmUp", source: "us_wb_warmup" });
  const field = { type: "string" as const, key: "a" };
  await jobs.updateExecutionPlan(job.id, {
    jobId: job.id,
    fileId: "us_fl_warmup",
    fieldMapping: [{ sourceField: field, destinationField: field }],
    unmappedSourceFields: [],
    unmappedDestinationFields: [],
  });
  await jobs.updateExecutionPlanFields(job.id, { jobId: job.id, fileId: "us_fl_warmup" });
  await jobs.getExecutionPlan(job.id);
  await jobs.delete(job.id);
}
