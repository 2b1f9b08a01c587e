// Types for published-fixture.mjs.
import type { PatchOperation } from "./json-patch.mjs";
// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document
export declare function publishedDescription(flatfile: any, patch?: PatchOperation[]): any;
