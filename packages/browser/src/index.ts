// Core's public surface, with `createJobsClient` replaced by the browser's, which refuses secret keys.
export * from "@flatfile-jobs/core";
export type { BrowserJobsClientOptions } from "./client.js";
export { createJobsClient } from "./client.js";
