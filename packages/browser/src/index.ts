// Core's public surface, with the client factories replaced by the browser's, which refuse secret keys and send
// requests without openapi-fetch's runtime client (see the README's "Size").
export * from "@flatfile-jobs/core";
export type {
  BrowserJobsClient,
  BrowserJobsClient as JobsClient,
  BrowserJobsClientOptions,
  BrowserJobsClientOptions as JobsClientOptions,
} from "./client.js";
export { createJobsClient, createJobsCore } from "./client.js";
