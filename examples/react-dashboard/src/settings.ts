// What the page's query string chooses: ?api= (the Jobs API's base URL), ?token= and ?space=.

export interface Settings {
  /** Absolute base URL of the Jobs API, ending in /v1. */
  baseUrl: string;
  /** A publishable key (pk_…) or a short-lived access token; the client refuses a secret key. */
  token: string;
  /** The space whose jobs the dashboard shows. */
  spaceId: string;
}

/**
 * Reads the settings from `search` (`location.search`). The default API, `/v1`, is the page's own origin (where
 * the dev server and the preview server proxy it to the simulator); a relative `?api=` is read against `base`,
 * since the client takes an absolute URL only. A malformed `?api=` throws a `TypeError`.
 */
export function readSettings(search: string, base: string): Settings {
  const params = new URLSearchParams(search);
  return {
    baseUrl: new URL(params.get("api") || "/v1", base).href,
    token: params.get("token") || "pk_dashboard_demo",
    spaceId: params.get("space") || "us_sp_demo",
  };
}
