import {
  createJobsClient as createCoreClient,
  InvalidArgumentError,
  type JobsClient,
  type JobsClientOptions,
} from "@flatfile-jobs/core";

/** Options of the browser client: core's, plus the switch that allows a secret key. */
export interface BrowserJobsClientOptions extends JobsClientOptions {
  /**
   * Allows a secret key (`sk_…`) in the browser. Everyone who loads the page can read it and act on the whole
   * environment with it; use it only for tools that never leave your machine.
   * @default false
   */
  dangerouslyAllowSecretKey?: boolean;
}

/**
 * Creates a Jobs API client for browsers. It refuses secret keys (`sk_…`), which would give every visitor of the
 * page full access to the environment: use a publishable key (`pk_…`) or a short-lived access token.
 */
export function createJobsClient(options: BrowserJobsClientOptions): JobsClient {
  const { dangerouslyAllowSecretKey = false, ...rest } = options ?? ({} as BrowserJobsClientOptions);
  if (typeof rest.token === "string" && rest.token.startsWith("sk_") && !dangerouslyAllowSecretKey) {
    throw new InvalidArgumentError(
      "A secret key (sk_…) must not be used in a browser: anyone who opens the page can read it and use the whole " +
        "environment. Use a publishable key (pk_…) or a short-lived access token obtained by your server, or pass " +
        "dangerouslyAllowSecretKey: true for a tool that never leaves your machine.",
    );
  }
  return createCoreClient(rest);
}
