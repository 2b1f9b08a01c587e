// Compares two versions of one API Extractor report (`packages/<name>/etc/<name>.api.md`) and says what release
// the change needs: `classifyApiReportChange(before, after)` → `{ bump, changes }`. Used by `pnpm check:api` (to
// print the bump a changed surface needs) and by `pnpm check:changeset`.
//
// The comparison is by line, conservative where it cannot tell: it reads the declarations of the report's ```ts
// block (comment lines and whitespace ignored), keys each top-level declaration by kind and name and each member
// by name, and then:
// - a declaration, member or overload removed, or any line of it changed (a type, a signature, `?` dropped or
//   added, an `extends`), or an export no longer exported: breaking (major);
// - a declaration added (or a referenced type newly exported), an overload added, an optional member added, a
//   member added to a class: non-breaking (minor);
// - a required member added to an interface or object type: breaking, since an object an app writes of that type
//   no longer compiles; any other added line that is not a member (a union's `| "x"`): breaking;
// - nothing but comments and whitespace: none;
// - a member added to an interface marked `@sealed` (an interface apps use but never implement, such as
//   `JobsResource`): non-breaking, whether optional or not, since no app writes an object of that type;
// - what is internal is not compared: members marked `@internal` (a client's `[CALL]`) and the declarations the
//   package does not export that nothing public refers to but through such members (`Call` and the types it
//   uses): CONTRIBUTING's "Public API" leaves them out of what semver covers.

const DECLARATION =
  /^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(class|interface|type|function|const|let|var|enum|namespace|module)\s+([\w$]+)/;
const MEMBER_MODIFIERS =
  /^(?:(?:readonly|static|public|protected|private|abstract|declare|override|async|get|set)\s+)*/;
// A line at a node's own indentation that continues it rather than starting a new one.
const CONTINUATION = /^[})\]>|&=?:.,]/;

export interface ApiChange {
  level: "breaking" | "non-breaking";
  /** The declaration, or `Declaration.member`, the change is in. */
  declaration: string;
  message: string;
}

/** A declaration or member of a report: its first line, the lines that continue it, and its members. */
interface ReportNode {
  head: string;
  tail: string[];
  children: ReportNode[];
  /** Its release tag says `@internal`. */
  internal: boolean;
  /** Its release tag says `@sealed`. */
  sealed: boolean;
}

interface Line {
  indent: number;
  text: string;
  internal: boolean;
  sealed: boolean;
}

/** Nodes that share a key, in order: never empty. */
type Group = [ReportNode, ...ReportNode[]];

/** The release that the change from `before` (the report as it was) to `after` (as it is now) needs, and why. */
export function classifyApiReportChange(
  before: string,
  after: string,
): { bump: "major" | "minor" | "none"; changes: ApiChange[] } {
  const changes: ApiChange[] = [];
  compareChildren(...publicParts(parse(before), parse(after)), { path: "", inClass: false, topLevel: true }, changes);
  const bump = changes.some((c) => c.level === "breaking")
    ? "major"
    : changes.some((c) => c.level === "non-breaking")
      ? "minor"
      : "none";
  return { bump, changes };
}

/** The declarations of a report as a tree of nodes `{ head, tail, children }`, one per declaration or member. */
function parse(report: string): ReportNode[] {
  const text = String(report).replace(/\r\n?/g, "\n");
  const block = /^```ts\n([\s\S]*?)^```/m.exec(text);
  const lines: Line[] = [];
  // Doc comments (openapi-typescript writes the schemas' descriptions inside the types, and API Extractor puts
  // each at the end of the line before the member it describes) say nothing about the surface.
  const code = (block?.[1] ?? text).replace(/\/\*[\s\S]*?\*\//g, "");
  // A release tag (`// @public @sealed`, `// @internal`) applies to the next line of code.
  let tags = { internal: false, sealed: false };
  for (const raw of code.split("\n")) {
    const expanded = raw.replace(/\t/g, "    ");
    const content = expanded.trim();
    if (content.startsWith("//")) {
      tags = {
        internal: tags.internal || /@internal\b/.test(content),
        sealed: tags.sealed || /@sealed\b/.test(content),
      };
      continue;
    }
    if (content === "") continue;
    lines.push({ indent: expanded.length - expanded.trimStart().length, text: content.replace(/\s+/g, " "), ...tags });
    tags = { internal: false, sealed: false };
  }
  const nodes: ReportNode[] = [];
  let i = 0;
  for (let line = lines[i]; line !== undefined; line = lines[i]) {
    const [node, next] = readNode(lines, line, i + 1);
    nodes.push(node);
    i = next;
  }
  return nodes;
}

/**
 * Reads the node starting at `first`, the line before `lines[after]`: deeper lines are its children, same-level
 * continuations its tail. Returns it with the index of the line after it.
 */
function readNode(lines: Line[], first: Line, after: number): [ReportNode, number] {
  const indent = first.indent;
  const node: ReportNode = {
    head: first.text,
    tail: [],
    children: [],
    internal: first.internal,
    sealed: first.sealed,
  };
  let i = after;
  for (let line = lines[i]; line !== undefined; line = lines[i]) {
    if (line.indent > indent) {
      const [child, next] = readNode(lines, line, i + 1);
      node.children.push(child);
      i = next;
    } else if (line.indent === indent && CONTINUATION.test(line.text)) {
      node.tail.push(line.text);
      i++;
    } else {
      break;
    }
  }
  return [node, i];
}

/** `node` without its members marked `@internal`, at any depth. */
function withoutInternal(node: ReportNode): ReportNode {
  return { ...node, children: node.children.filter((child) => !child.internal).map(withoutInternal) };
}

/**
 * The keys of the declarations of a report that semver covers: the exported ones (not marked `@internal`), and
 * the declarations they refer to (without their `@internal` members), directly or through each other.
 */
function publicKeys(nodes: ReportNode[]): Set<string> {
  const visible = nodes.filter((node) => !node.internal).map(withoutInternal);
  const byName = new Map<string, ReportNode>();
  for (const node of visible) {
    const name = DECLARATION.exec(node.head)?.[2];
    if (name !== undefined && !isExported(node)) byName.set(name, node);
  }
  const reached = new Set<ReportNode>(visible.filter((node) => isExported(node) || !DECLARATION.test(node.head)));
  const queue = [...reached];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const [word] of serialize(node).matchAll(/[A-Za-z_$][\w$]*/g)) {
      const target = byName.get(word);
      if (target && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return new Set([...reached].map((node) => keyOf(node, true) ?? serialize(node)));
}

/**
 * Both reports without what is internal to both: a declaration semver covers in either is compared (so one
 * that stops being exported is seen), and `@internal` members are left out everywhere.
 */
function publicParts(before: ReportNode[], after: ReportNode[]): [ReportNode[], ReportNode[]] {
  const keys = new Set([...publicKeys(before), ...publicKeys(after)]);
  const keep = (nodes: ReportNode[]) =>
    nodes.filter((node) => !node.internal && keys.has(keyOf(node, true) ?? serialize(node))).map(withoutInternal);
  return [keep(before), keep(after)];
}

function keyOf(node: ReportNode, topLevel: boolean): string | null {
  if (topLevel) {
    const declaration = DECLARATION.exec(node.head);
    if (declaration) return `${declaration[1]} ${declaration[2]}`;
    const imported = /^import\s+(.*?)\s+from\s+(['"].*?['"])/.exec(node.head);
    if (imported) return `import ${imported[1]} from ${imported[2]}`;
    return node.head;
  }
  const rest = withoutModifiers(node.head);
  const modifiers = /\b(static|get|set)\s/.exec(node.head.slice(0, node.head.length - rest.length));
  const prefix = modifiers ? `${modifiers[1]} ` : "";
  // A name (identifier, quoted or [computed] / [index: signature]) before `:`, `(`, `<` or `?`; or a call or
  // construct signature.
  const name = /^(?:[\w$]+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\])(?=\??\s*[:(<])/.exec(rest);
  if (name) return prefix + name[0];
  if (/^[(<]/.test(rest)) return `${prefix}()`;
  if (/^new\s*[(<]/.test(rest)) return "new()";
  return null;
}

/** A member's line without its leading modifiers (`readonly`, `static`, `get`, …). */
function withoutModifiers(head: string): string {
  return head.slice(MEMBER_MODIFIERS.exec(head)?.[0].length ?? 0);
}

function displayName(key: string): string {
  return key.replace(/^(?:class|interface|type|function|const|let|var|enum|namespace|module) /, "");
}

function isOptional(node: ReportNode): boolean {
  const rest = withoutModifiers(node.head);
  return /^(?:[\w$]+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\])\?\s*[:(<]/.test(rest);
}

function serialize(node: ReportNode): string {
  return [node.head, ...node.children.map(serialize), ...node.tail].join("\n");
}

/** Groups nodes by key, in order; nodes without a key are keyed by their whole text. */
function group(nodes: ReportNode[], topLevel: boolean): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const node of nodes) {
    const key = keyOf(node, topLevel) ?? `\0${serialize(node)}`;
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  return groups;
}

function compareChildren(
  before: ReportNode[],
  after: ReportNode[],
  context: { path: string; inClass: boolean; topLevel: boolean; sealed?: boolean },
  changes: ApiChange[],
): void {
  const { path, inClass, topLevel, sealed = false } = context;
  const old = group(before, topLevel);
  const now = group(after, topLevel);
  const where = (key: string) => {
    const name = key.startsWith("\0") ? (key.slice(1).split("\n")[0] ?? "") : displayName(key);
    return path ? `${path}.${name}` : name;
  };
  for (const [key, nodes] of old) {
    const declaration = where(key);
    const newer = now.get(key);
    if (!newer) {
      const what = topLevel ? `${kindOf(nodes[0])} removed` : "member removed";
      changes.push({ level: "breaking", declaration, message: `${what}: ${nodes[0].head}` });
    } else if (nodes.length === 1 && newer.length === 1) {
      compareNode(nodes[0], newer[0], { declaration, topLevel }, changes);
    } else {
      compareOverloads(nodes, newer, declaration, changes);
    }
  }
  for (const [key, nodes] of now) {
    if (old.has(key)) continue;
    const declaration = where(key);
    const node = nodes[0];
    if (topLevel) {
      changes.push({
        level: "non-breaking",
        declaration,
        message: `${kindOf(node)} added: ${node.head}`,
      });
    } else if (key.startsWith("\0")) {
      changes.push({ level: "breaking", declaration: path, message: `line added: ${node.head}` });
    } else if (isOptional(node)) {
      changes.push({ level: "non-breaking", declaration, message: `optional member added: ${node.head}` });
    } else if (inClass) {
      changes.push({ level: "non-breaking", declaration, message: `member added: ${node.head}` });
    } else if (sealed) {
      changes.push({
        level: "non-breaking",
        declaration,
        message: `member added to a sealed interface (apps use it, none implements it): ${node.head}`,
      });
    } else {
      changes.push({
        level: "breaking",
        declaration,
        message: `required member added (an object an app writes of this type no longer compiles): ${node.head}`,
      });
    }
  }
}

/** "export", "import" or "declaration" (a type a public one refers to, which the package does not export). */
function kindOf(node: ReportNode): string {
  return isExported(node) ? "export" : /^import\s/.test(node.head) ? "import" : "declaration";
}

function isExported(node: ReportNode): boolean {
  return /^export\s/.test(node.head);
}

function compareNode(
  before: ReportNode,
  after: ReportNode,
  { declaration, topLevel }: { declaration: string; topLevel: boolean },
  changes: ApiChange[],
): void {
  let beforeHead = before.head;
  let afterHead = after.head;
  if (topLevel) {
    const wasExported = isExported(before);
    if (wasExported !== isExported(after)) {
      changes.push(
        wasExported
          ? { level: "breaking", declaration, message: "no longer exported" }
          : { level: "non-breaking", declaration, message: "now exported" },
      );
    }
    beforeHead = beforeHead.replace(/^export\s+/, "");
    afterHead = afterHead.replace(/^export\s+/, "");
  }
  if (beforeHead !== afterHead || before.tail.join("\n") !== after.tail.join("\n")) {
    const madeRequired = !topLevel && isOptional(before) && !isOptional(after);
    changes.push({
      level: "breaking",
      declaration,
      message: `${madeRequired ? "made required" : "changed"}: ${[before.head, ...before.tail].join(" ")} → ${[after.head, ...after.tail].join(" ")}`,
    });
    // The children are still compared below: a changed signature may come with changed members.
  }
  // A class's own members may be added freely; anything nested (an object type in a member) is an object type.
  const isClass = topLevel && DECLARATION.exec(before.head)?.[1] === "class";
  // Sealed before and after: a member added to it is an addition (a member nested deeper is an object type's).
  const sealed = topLevel && before.sealed && after.sealed;
  compareChildren(
    before.children,
    after.children,
    { path: declaration, inClass: isClass, topLevel: false, sealed },
    changes,
  );
}

function compareOverloads(before: ReportNode[], after: ReportNode[], declaration: string, changes: ApiChange[]): void {
  const now = after.map(serialize);
  const old = before.map(serialize);
  const removed = old.filter((text) => !now.includes(text));
  const added = now.filter((text) => !old.includes(text));
  for (const text of removed) {
    changes.push({ level: "breaking", declaration, message: `overload removed or changed: ${text.split("\n")[0]}` });
  }
  for (const text of added) {
    changes.push({
      level: removed.length > 0 ? "breaking" : "non-breaking",
      declaration,
      message: `overload added: ${text.split("\n")[0]}`,
    });
  }
}
