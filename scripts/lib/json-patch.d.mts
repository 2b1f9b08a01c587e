// Types for json-patch.mjs.
export type PatchOperation = { op: "add" | "remove" | "replace"; path: string; value?: unknown };
export declare function applyPatch<T>(doc: T, patch: PatchOperation[]): T;
