// Types for spec-diff.mjs.
export interface SpecChange {
  level: "breaking" | "non-breaking" | "docs";
  operation: string;
  pointer: string;
  message: string;
}
export type Bump = "major" | "minor" | "patch" | "none";
export declare function classify(before: object, after: object): { bump: Bump; changes: SpecChange[] };
export declare function bumpFor(changes: SpecChange[]): Bump;
export declare function formatReport(result: { bump: Bump; changes: SpecChange[] }, base: string): string;
export declare function deref(doc: object, node: unknown): unknown;
