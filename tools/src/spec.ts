// Reads openapi/openapi.yaml for tests: the parsed document, `$ref` resolution, the operations and the example
// Prism serves by default for each one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { deref as derefIn, type Node } from "./refs";

export type { Node };

export const SPEC_PATH: string = fileURLToPath(new URL("../../openapi/openapi.yaml", import.meta.url));

export const spec: Node = parse(readFileSync(SPEC_PATH, "utf8"));

/** Follows local `$ref`s (`#/components/...`) until it reaches a value; a cycle of references is an error. */
export function deref(node: Node | undefined): Node | undefined {
  return derefIn(spec, node);
}

/** Every operation object of the spec. */
export const operations: Node[] = Object.values(spec.paths ?? {}).flatMap((item: Node) =>
  Object.values(item ?? {}).filter((op: Node) => typeof op?.operationId === "string"),
);

/** Every operationId in the spec. */
export const operationIds: string[] = operations.map((op) => op.operationId);

/** The example Prism serves by default for an operation's 200 response: the first named one. */
export function firstExample(operationId: string): unknown {
  const operation = operations.find((op) => op.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the spec`);
  const response = deref(operation.responses?.["200"]);
  const examples = deref(response?.content?.["application/json"]?.examples) ?? {};
  const first = deref(Object.values(examples)[0]);
  if (!first) throw new Error(`${operationId} has no 200 example`);
  return first.value;
}
