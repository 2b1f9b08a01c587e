/**
 * A stateful simulator of Flatfile's Jobs API for tests: a real HTTP server on 127.0.0.1
 *
 * @module @flatfile-jobs/testing
 */
export * from "../../packages/testing/src/index.js";
