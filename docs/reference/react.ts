/**
 * React hooks for Flatfile jobs on TanStack Query: live progress until a job ends, pages of jobs, and actions that keep the cache right
 *
 * @module @flatfile-jobs/react
 */
export * from "../../packages/react/src/index.js";
