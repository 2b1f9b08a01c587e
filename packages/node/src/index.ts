// Core's public surface, with the client factories replaced by ones that read the environment and keep
// connections alive.
export * from "@flatfile-jobs/core";
export type { NodeJobsClient, NodeJobsClientOptions, NodeJobsCore, NodeJobsCoreOptions } from "./client.js";
export { createJobsClient, createJobsCore } from "./client.js";
export type { KeepAliveOptions } from "./dispatcher.js";
