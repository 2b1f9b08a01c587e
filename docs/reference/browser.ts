/**
 * Flatfile Jobs API client for browsers: a small ESM build with no Node built-ins
 *
 * @module @flatfile-jobs/browser
 */
export * from "../../packages/browser/src/index.js";
