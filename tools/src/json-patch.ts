// JSON Patch (RFC 6902), the operations the fixtures use: add, remove, replace. Returns a changed copy.

export type PatchOperation = { op: "add" | "remove" | "replace"; path: string; value?: unknown };

export function applyPatch<T>(doc: T, patch: PatchOperation[]): T {
  const copy = structuredClone(doc);
  for (const { op, path, value } of patch) {
    const keys = path
      .split("/")
      .slice(1)
      .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop();
    // The whole document (path "") is not a place these operations change.
    if (last === undefined) throw new Error(`${op} ${JSON.stringify(path)}: the path names no member`);
    const parent = keys.reduce<unknown>((node, key) => (isContainer(node) ? node[key] : undefined), copy);
    if (!isContainer(parent)) throw new Error(`${op} ${path}: no such parent`);
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (op === "add") parent.splice(index, 0, value);
      else if (op === "remove") parent.splice(index, 1);
      else parent[index] = value;
    } else if (op === "add") {
      parent[last] = value;
    } else {
      if (!(last in parent)) throw new Error(`${op} ${path}: nothing there`);
      if (op === "remove") delete parent[last];
      else parent[last] = value;
    }
  }
  return copy;
}

/** An object or array, whose members a path can name. */
function isContainer(node: unknown): node is Record<string, unknown> {
  return typeof node === "object" && node !== null;
}
