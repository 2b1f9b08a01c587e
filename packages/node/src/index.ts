// Core's public surface, with the client factories and their types replaced by the Node ones, which read the
// environment and keep connections alive.
export * from "@flatfile-jobs/core";
export type { JobsClient, JobsClientOptions, JobsCore, JobsCoreOptions } from "./client.js";
export { createJobsClient, createJobsCore } from "./client.js";
export type { ConnectionOptions, KeepAliveOptions } from "./dispatcher.js";
