/**
 * Flatfile Jobs API client for Node.js: token and base URL from the environment
 *
 * @module @flatfile-jobs/node
 */
export * from "../../packages/node/src/index.js";
