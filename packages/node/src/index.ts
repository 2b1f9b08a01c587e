// Core's public surface, with `createJobsClient` replaced by the one that reads the environment.
export * from "@flatfile-jobs/core";
export type { NodeJobsClientOptions } from "./client.js";
export { createJobsClient } from "./client.js";
