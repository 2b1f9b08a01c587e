// Core's public surface, with the client factories and their types replaced by the browser's, which refuse
// secret keys and send requests without openapi-fetch's runtime client (see the README's "Size").
export * from "@flatfile-jobs/core";
export type { JobsClient, JobsClientOptions } from "./client.js";
export { createJobsClient, createJobsCore } from "./client.js";
