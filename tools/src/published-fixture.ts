// Turns openapi/flatfile.yaml, changed by a fixture's JSON Patch, into a description shaped as Flatfile publishes
// its whole API: schema names with Fern's prefixes (`type_jobs:Job`), and a resource besides jobs. What
// `pnpm spec:update` must take the Jobs part back out of. Used by `pnpm test:spec-evolution` and its tests.
import { applyPatch, type PatchOperation } from "./json-patch";
import type { Node } from "./spec";

/** `flatfile` (openapi/flatfile.yaml, parsed) with `patch` applied, shaped as Flatfile publishes its whole API. */
export function publishedDescription(flatfile: Node, patch: PatchOperation[] = []): Node {
  const doc = applyPatch(flatfile, patch);
  const prefixed = (name: string) => `type_jobs:${name}`;
  doc.components.schemas = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([name, schema]) => [prefixed(name), schema]),
  );
  visit(doc, (node) => {
    const name = typeof node.$ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
    if (name !== undefined) node.$ref = `#/components/schemas/${prefixed(name)}`;
  });
  doc.paths["/spaces"] = {
    get: {
      operationId: "list-spaces",
      tags: ["subpackage_spaces"],
      responses: {
        200: {
          description: "A page of spaces.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/type_spaces:ListSpacesResponse" } } },
        },
      },
    },
  };
  doc.components.schemas["type_spaces:ListSpacesResponse"] = {
    type: "object",
    properties: { data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } } },
  };
  doc.tags = [...(doc.tags ?? []), { name: "subpackage_spaces" }];
  return doc;
}

function visit(node: unknown, fn: (node: Node) => void): void {
  if (Array.isArray(node)) for (const item of node) visit(item, fn);
  else if (typeof node === "object" && node !== null) {
    fn(node);
    for (const value of Object.values(node)) visit(value, fn);
  }
}
