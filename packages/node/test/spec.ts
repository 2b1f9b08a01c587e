// The parsed spec, shared with the other packages' tests through @flatfile-jobs/tools/spec.
export { deref, firstExample, type Node, operationIds, operations, spec } from "@flatfile-jobs/tools/spec";
