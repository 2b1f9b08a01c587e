// Local `$ref`s of an OpenAPI document (`#/components/...`), for every spec tool: a JSON pointer read, a reference
// followed to its value (a cycle of references that never reaches a value is an error naming it), every reference
// reached from some nodes (each followed once, so cyclic schemas end), and a walk over every object.

/** A node of a parsed document, walked without a schema for it. */
// biome-ignore lint/suspicious/noExplicitAny: parsed OpenAPI documents, walked generically
export type Node = any;

/** A `$ref` that cannot be followed: it loops back to itself without reaching a value. */
export class RefCycleError extends Error {}

/** A JSON pointer's segment, decoded (`~1` is `/`, `~0` is `~`). */
export function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A name as a JSON pointer's segment (`/` as `~1`, `~` as `~0`). */
export function encodeSegment(segment: unknown): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The value at a local reference (`#/components/schemas/Job`) in `doc`, or undefined when nothing is there. */
export function pointerGet(doc: Node, ref: string): Node | undefined {
  if (ref === "#" || ref === "#/") return doc;
  if (!ref.startsWith("#/")) return undefined;
  let value = doc;
  for (const segment of ref.slice(2).split("/")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = value[decodeSegment(segment)];
  }
  return value;
}

/**
 * Follows `node`'s `$ref` (and the `$ref` of what it points at, and so on) to a node that is not a reference.
 * Returns undefined when a reference points at nothing; throws RefCycleError when the chain comes back to a
 * reference it has already followed.
 */
export function deref(doc: Node, node: Node): Node | undefined {
  let current = node;
  const followed: string[] = [];
  while (typeof current === "object" && current !== null && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (followed.includes(ref))
      throw new RefCycleError(`$ref cycle with no value in it: ${[...followed, ref].join(" → ")}`);
    followed.push(ref);
    current = pointerGet(doc, ref);
  }
  return current;
}

/**
 * Every local `$ref` reached from `roots`, following each into `doc` once: a schema that refers to itself, or two
 * that refer to each other, end. In the order a depth-first walk first meets them (a reference's target is walked
 * as soon as it is met). `onMissing` is called for a reference that points at nothing (and it is not followed).
 */
export function reachableRefs(doc: Node, roots: unknown, onMissing?: (ref: string) => void): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const ref = (node as Node).$ref;
    if (typeof ref === "string" && !seen.has(ref)) {
      seen.add(ref);
      const target = pointerGet(doc, ref);
      if (target === undefined) onMissing?.(ref);
      else {
        found.push(ref);
        walk(target);
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(roots);
  return found;
}

/** Calls `fn` on every object (not list) in `node`, depth first, parents before their children. */
export function visit(node: unknown, fn: (node: Node) => void): void {
  if (Array.isArray(node)) for (const item of node) visit(item, fn);
  else if (typeof node === "object" && node !== null) {
    fn(node);
    for (const value of Object.values(node)) visit(value, fn);
  }
}
