// The tests' stand-in for Flatfile's published description: scripts/fixtures/published/flatfile-api.yaml, written
// by `pnpm spec:fixture` from the real one (the whole API, its structure as published, none of its words).
// `nextDescription(patch)` is it with a JSON Patch applied, a "next description" Flatfile might publish (the
// patches of scripts/fixtures/spec-evolution use its names, `type_jobs:Job`). `jobsPartCopy(doc, …)` is the other
// form the description is found in: its Jobs part alone, as third-party copies have it (a server, the
// subpackage_jobs tag declared, a title of their own, the schemas in another order), optionally with the schema
// names written `type_jobs_Job` and labelled OpenAPI 3.2.0. `pnpm spec:update` must read every form as one
// description. Used by packages/node/test/spec-update.test.ts and `pnpm test:spec-evolution`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { applyPatch, type PatchOperation } from "./json-patch";
import { type Node, pointerGet, reachableRefs, visit } from "./refs";

export const FIXTURE_PATH: string = fileURLToPath(
  new URL("../../scripts/fixtures/published/flatfile-api.yaml", import.meta.url),
);

let cached: Node | undefined;

/** The fixture, parsed: a fresh copy on every call. */
export function publishedFixture(): Node {
  cached ??= parse(readFileSync(FIXTURE_PATH, "utf8"));
  return structuredClone(cached);
}

/** The fixture with `patch` applied (paths and names as Flatfile publishes them). */
export function nextDescription(patch: PatchOperation[] = []): Node {
  return applyPatch(publishedFixture(), patch);
}

/**
 * The Jobs part of a whole-API description as a third-party copy has it: the /jobs paths and the components they
 * reach (in reverse order), a server, the operations' tag declared at the top, the copier's own title; with
 * `underscores`, schema names `type_jobs_Job` instead of `type_jobs:Job`; with `label`, that OpenAPI version.
 */
export function jobsPartCopy(doc: Node, options: { underscores?: boolean; label?: string } = {}): Node {
  const paths = Object.fromEntries(
    Object.entries<Node>(doc.paths).filter(([path]) => path === "/jobs" || path.startsWith("/jobs/")),
  );
  const schemas: Record<string, Node> = {};
  for (const ref of reachableRefs(doc, paths).reverse()) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    if (name !== undefined) schemas[name] = pointerGet(doc, ref);
  }
  let copy: Node = structuredClone({
    openapi: options.label ?? doc.openapi,
    info: { title: "Reference subpackage_jobs API", version: doc.info?.version ?? "1.0.0" },
    servers: doc.servers ?? [{ url: "https://api.x.flatfile.com/v1" }],
    tags: [{ name: "subpackage_jobs" }],
    paths,
    components: { schemas, securitySchemes: doc.components?.securitySchemes },
  });
  if (options.underscores) {
    const rename = (name: string) => name.replace(/^(type_[^:]+):/, "$1_");
    copy = {
      ...copy,
      components: {
        ...copy.components,
        schemas: Object.fromEntries(Object.entries(copy.components.schemas).map(([name, s]) => [rename(name), s])),
      },
    };
    visit(copy, (node) => {
      const name = typeof node.$ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
      if (name !== undefined) node.$ref = `#/components/schemas/${rename(name)}`;
    });
  }
  return copy;
}
