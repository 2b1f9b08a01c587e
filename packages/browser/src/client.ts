import {
  createJobsCore as createCore,
  createJobsResource,
  InvalidArgumentError,
  type JobsCore,
  type JobsCoreOptions,
  type JobsResource,
} from "@flatfile-jobs/core";

/** Options of the browser client: core's (all but logging), plus the switch that allows a secret key. */
export interface JobsClientOptions extends JobsCoreOptions {
  /**
   * Allows a secret key (`sk_…`) in the browser. Everyone who loads the page can read it and act on the whole
   * environment with it; use it only for tools that never leave your machine.
   * @default false
   */
  dangerouslyAllowSecretKey?: boolean;
}

/** The browser client: every operation of the Jobs API as `client.jobs` methods (no `raw`, middleware or logging). */
export interface JobsClient extends JobsCore {
  /** The Jobs API's operations; each resolves to the operation's 200 body or throws a `JobsError`. */
  readonly jobs: JobsResource;
}

/**
 * Creates the smallest client, for the operation functions: `await listJobs(client, { pageSize: 20 })`; a
 * bundler then keeps only the operations the app imports. It refuses secret keys, like `createJobsClient`.
 */
export function createJobsCore(options: JobsClientOptions): JobsCore {
  const { dangerouslyAllowSecretKey, ...rest } = options ?? ({} as JobsClientOptions);
  if (dangerouslyAllowSecretKey !== undefined && typeof dangerouslyAllowSecretKey !== "boolean") {
    throw new InvalidArgumentError(
      // Its kind only, never its text: a key passed here by mistake must not reach a message.
      `dangerouslyAllowSecretKey must be true or false, got ${typeof dangerouslyAllowSecretKey === "object" ? "an object" : `a ${typeof dangerouslyAllowSecretKey}`}.`,
    );
  }
  if (/^sk_/.test(rest.token) && !dangerouslyAllowSecretKey) {
    throw new InvalidArgumentError(
      "A secret key (sk_…) must not be used in a browser, where anyone can read it and use the whole environment. " +
        "Use a publishable key (pk_…) or a short-lived access token from your server, or pass " +
        "dangerouslyAllowSecretKey: true for a tool that never leaves your machine.",
    );
  }
  return createCore(rest);
}

/**
 * Creates a Jobs API client for browsers: `client.jobs.list()`, … It refuses secret keys (`sk_…`), which would give
 * every visitor of the page full access to the environment: use a publishable key (`pk_…`) or a short-lived
 * access token.
 */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  const core = createJobsCore(options);
  return { ...core, jobs: createJobsResource(core) };
}
