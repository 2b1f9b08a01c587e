import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { SPEC_PATH } from "../../../scripts/lib/prism.mjs";

/** A node of the parsed spec. Tests walk the YAML document without a schema for it. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, walked by tests
export type Node = any;

export const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Node;

/** Follows local `$ref`s (`#/components/...`) until it reaches a value. */
export function deref(node: Node | undefined): Node | undefined {
  let current = node;
  while (current && typeof current.$ref === "string") {
    const pointer: string[] = current.$ref.replace(/^#\//, "").split("/");
    current = pointer.reduce((value: Node, key: string) => value?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current;
}

export const operations: Node[] = Object.values(spec.paths ?? {}).flatMap((item) =>
  Object.values(item ?? {}).filter((op: Node) => typeof op?.operationId === "string"),
);

/** Every operationId in the spec. */
export const operationIds: string[] = operations.map((op) => op.operationId as string);

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
