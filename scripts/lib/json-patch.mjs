// JSON Patch (RFC 6902), the operations the fixtures use: add, remove, replace. Returns a changed copy.
export function applyPatch(doc, patch) {
  const copy = structuredClone(doc);
  for (const { op, path, value } of patch) {
    const keys = path
      .split("/")
      .slice(1)
      .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop();
    const parent = keys.reduce((node, key) => node?.[key], copy);
    if (parent === undefined || parent === null) throw new Error(`${op} ${path}: no such parent`);
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
