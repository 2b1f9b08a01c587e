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

const REGIONS = ["us", "uk", "eu", "au", "ca"];

/**
 * The base URL of a region (the entry of `REGION_BASE_URLS`, built from its pattern so that a client need not
 * carry the table), or an error that lists the regions there are.
 */
export function regionBaseUrl(region: unknown): string {
  if (!REGIONS.includes(region as string)) {
    throw new InvalidArgumentError(
      `Unknown region ${JSON.stringify(region)}: use one of ${REGIONS.join(", ")}, or pass baseUrl.`,
    );
  }
  return `https://platform.${region === "us" ? "" : `${region}.`}flatfile.com/api/v1`;
}
