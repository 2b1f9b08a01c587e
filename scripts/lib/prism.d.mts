// Types for prism.mjs, so TypeScript tests can import it.
export declare const SPEC_PATH: string;
export interface PrismServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The API's base URL on the mock, e.g. `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  pid: number;
  /** Prism's recent output lines. */
  log(): string[];
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and removes its temporary files. */
  stop(): Promise<void>;
}
export declare function startPrism(options?: {
  dynamic?: boolean;
  port?: number;
  /** Violations become error responses (422 request, 500 response) instead of log lines. */
  errors?: boolean;
  /** Upstream origin to forward to (proxy mode, validating both directions) instead of mocking. */
  proxy?: string;
  /** Send the plan operations once before resolving, so that Prism has compiled their validators. */
  warmUp?: boolean;
  /** A description to serve instead of openapi/openapi.yaml (parsed), e.g. a variant of it. */
  spec?: object;
}): Promise<PrismServer>;
