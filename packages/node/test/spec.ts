// The parsed spec, shared with the other packages' tests through scripts/lib/spec.mjs.
export { deref, firstExample, type Node, operationIds, operations, spec } from "../../../scripts/lib/spec.mjs";
