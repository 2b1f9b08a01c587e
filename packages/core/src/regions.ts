import { InvalidArgumentError } from "./errors.js";

/**
 * Flatfile's regional platform API URLs (from Flatfile's "Regional Servers" table; also the spec's `servers`).
 * Regional deployments must be enabled by Flatfile; their ids carry the region prefix (`uk_jb_…`).
 */
export const REGION_BASE_URLS = {
  us: "https://platform.flatfile.com/api/v1",
  uk: "https://platform.uk.flatfile.com/api/v1",
  eu: "https://platform.eu.flatfile.com/api/v1",
  au: "https://platform.au.flatfile.com/api/v1",
  ca: "https://platform.ca.flatfile.com/api/v1",
} as const;

export type Region = keyof typeof REGION_BASE_URLS;

/** The base URL of a region, or an error that lists the regions there are. */
export function regionBaseUrl(region: unknown): string {
  if (typeof region === "string" && Object.hasOwn(REGION_BASE_URLS, region)) {
    return REGION_BASE_URLS[region as Region];
  }
  throw new InvalidArgumentError(
    `Unknown region ${JSON.stringify(region)}: use one of ${Object.keys(REGION_BASE_URLS).join(", ")}, or pass baseUrl.`,
  );
}
