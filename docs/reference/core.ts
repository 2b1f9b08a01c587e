/**
 * Typed, fetch-based client for Flatfile's Jobs API (runtime-neutral core)
 *
 * @module @flatfile-jobs/core
 */
export * from "../../packages/core/src/index.js";
