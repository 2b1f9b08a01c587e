// Types for spec.mjs. The document is walked without a schema for it, hence `any`.
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, walked by tests
export type Node = any;
export declare const SPEC_PATH: string;
export declare const spec: Node;
export declare function deref(node: Node | undefined): Node | undefined;
export declare const operations: Node[];
export declare const operationIds: string[];
export declare function firstExample(operationId: string): unknown;
