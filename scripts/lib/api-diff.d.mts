// Types for api-diff.mjs.
export interface ApiChange {
  level: "breaking" | "non-breaking";
  /** The declaration, or `Declaration.member`, the change is in. */
  declaration: string;
  message: string;
}
export declare function classifyApiReportChange(
  before: string,
  after: string,
): { bump: "major" | "minor" | "none"; changes: ApiChange[] };
