// Compares two versions of the flatfile-jobs command's surface report (packages/cli/etc/cli.surface.json, written by
// `pnpm cli:surface`) and says what release the change needs: `classifyCliSurfaceChange(before, after)` →
// `{ bump, changes }`. Used by `pnpm cli:surface --check` (to print the bump) and by `pnpm check:changeset`
// (`checkCliChangeset`, which refuses a changeset below it).
//
// The rules (CONTRIBUTING, "Public API"): what a script calling the command relies on.
// - a command, argument, option, short flag, choice, exit code or global option removed (a rename is a removal
//   and an addition): major; a required argument or a mandatory option added: major; an argument or option
//   made required, an option that took no value taking one (or the other way), a variadic one no longer so: major;
// - what is added and optional (a command, an optional argument or option, a choice, an exit code, an alias):
//   minor; what is relaxed (made optional, variadic): minor;
// - a default changed: patch (the same call behaves differently); an exit code's meaning reworded: patch;
// - what a command prints with --json (its JSON Schema, with `$ref`s into the report's `$defs`): a property
//   removed, a type changed, a property that was always there now optional, a variant of a `oneOf`/`anyOf`
//   removed: major; a property or variant added, an enum's values changed: minor; any other keyword (format,
//   pattern, a bound, a default): patch; descriptions and examples: nothing.

export type Bump = "major" | "minor" | "patch" | "none";
export type Level = Exclude<Bump, "none">;

export interface CliSurfaceChange {
  level: Level;
  /** A JSON pointer into the report: `/commands/get/options/--info`, `/$defs/Job/properties/status`. */
  pointer: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface CliArgument {
  name: string;
  required: boolean;
  variadic: boolean;
  default?: Json;
  choices?: string[];
}

export interface CliOption {
  flags: string;
  long: string | null;
  short: string | null;
  value: "required" | "optional" | "none";
  variadic: boolean;
  mandatory: boolean;
  negatable: boolean;
  default?: Json;
  choices?: string[];
}

export interface CliCommand {
  aliases: string[];
  arguments: CliArgument[];
  options: Record<string, CliOption>;
  json?: JsonObject;
}

/** The report as `pnpm cli:surface` writes it. */
export interface CliSurface {
  name: string;
  globalOptions: Record<string, CliOption>;
  commands: Record<string, CliCommand>;
  exitCodes: Record<string, { name: string; meaning: string }>;
  jsonError: JsonObject;
  $defs: Record<string, JsonObject>;
}

export const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
const PROSE = new Set(["description", "example", "examples", "title", "$comment", "externalDocs"]);
/** Schema keywords compared by their own rules below; any other keyword that changes is a patch. */
const STRUCTURE = new Set(["$ref", "type", "properties", "required", "items", "enum", "oneOf", "anyOf", "allOf"]);

/** The release that the change from `before` (the report at the last release) to `after` needs, and why. */
export function classifyCliSurfaceChange(
  before: CliSurface,
  after: CliSurface,
): { bump: Bump; changes: CliSurfaceChange[] } {
  const changes: CliSurfaceChange[] = [];
  const add = (level: Level, pointer: string, message: string) => {
    if (!changes.some((c) => c.pointer === pointer && c.message === message)) changes.push({ level, pointer, message });
  };
  // One set of compared definitions for the whole report: `Job`, which most commands print, is compared once.
  const context: Context = { before, after, add, seen: new Set() };
  if (before.name !== after.name) add("major", "/name", `the command is now "${after.name}", was "${before.name}"`);
  compareOptions(before.globalOptions, after.globalOptions, "/globalOptions", "global option", add);
  compareKeyed(before.commands, after.commands, "/commands", add, {
    removed: (name) => ["major", `command "${name}" removed (or renamed)`],
    added: (name) => ["minor", `command "${name}" added`],
    both: (name, b, a, pointer) => compareCommand(name, b, a, pointer, context),
  });
  compareKeyed(before.exitCodes, after.exitCodes, "/exitCodes", add, {
    removed: (code) => ["major", `exit code ${code} removed`],
    added: (code) => ["minor", `exit code ${code} added`],
    both: (code, b, a, pointer) => {
      if (b.name !== a.name || b.meaning !== a.meaning)
        add("patch", pointer, `exit code ${code} now means "${a.meaning}", was "${b.meaning}"`);
    },
  });
  compareSchema(before.jsonError, after.jsonError, "/jsonError", context);
  const bump = changes.reduce<Bump>((max, c) => (RANK[c.level] > RANK[max] ? c.level : max), "none");
  return { bump, changes };
}

type Add = (level: Level, pointer: string, message: string) => void;

interface Context {
  before: CliSurface;
  after: CliSurface;
  add: Add;
  /** Pairs of `$defs` already compared (`Job→Job`), so that each is compared once and a recursive schema ends. */
  seen: Set<string>;
}

function compareKeyed<T>(
  before: Record<string, T>,
  after: Record<string, T>,
  pointer: string,
  add: Add,
  rules: {
    removed: (key: string) => [Level, string];
    added: (key: string, value: T) => [Level, string];
    both: (key: string, before: T, after: T, pointer: string) => void;
  },
): void {
  for (const key of Object.keys(before)) {
    const here = `${pointer}/${pointerSegment(key)}`;
    const b = before[key] as T;
    const a = after[key];
    if (a === undefined) add(...withPointer(rules.removed(key), here));
    else rules.both(key, b, a, here);
  }
  for (const key of Object.keys(after))
    if (!(key in before)) add(...withPointer(rules.added(key, after[key] as T), `${pointer}/${pointerSegment(key)}`));
}

function withPointer([level, message]: [Level, string], pointer: string): [Level, string, string] {
  return [level, pointer, message];
}

function compareCommand(name: string, before: CliCommand, after: CliCommand, pointer: string, context: Context) {
  const { add } = context;
  for (const alias of before.aliases)
    if (!after.aliases.includes(alias)) add("major", `${pointer}/aliases`, `${name}: alias "${alias}" removed`);
  for (const alias of after.aliases)
    if (!before.aliases.includes(alias)) add("minor", `${pointer}/aliases`, `${name}: alias "${alias}" added`);
  compareArguments(name, before.arguments, after.arguments, `${pointer}/arguments`, add);
  compareOptions(before.options, after.options, `${pointer}/options`, `${name}: option`, add);
  if (before.json && !after.json) add("major", `${pointer}/json`, `${name}: no longer prints JSON with --json`);
  else if (!before.json && after.json) add("minor", `${pointer}/json`, `${name}: now prints JSON with --json`);
  else if (before.json && after.json) compareSchema(before.json, after.json, `${pointer}/json`, context);
}

function compareArguments(command: string, before: CliArgument[], after: CliArgument[], pointer: string, add: Add) {
  const count = Math.max(before.length, after.length);
  for (let i = 0; i < count; i++) {
    const b = before[i];
    const a = after[i];
    const here = `${pointer}/${i}`;
    if (b && !a) add("major", here, `${command}: argument <${b.name}> removed`);
    else if (!b && a)
      add(
        a.required ? "major" : "minor",
        here,
        `${command}: ${a.required ? "required" : "optional"} argument <${a.name}> added`,
      );
    else if (b && a) {
      if (b.name !== a.name) add("major", here, `${command}: argument <${b.name}> renamed <${a.name}>`);
      if (!b.required && a.required) add("major", here, `${command}: argument <${a.name}> is now required`);
      if (b.required && !a.required) add("minor", here, `${command}: argument <${a.name}> is now optional`);
      compareFlags(`${command}: argument <${a.name}>`, b, a, here, add);
    }
  }
}

function compareOptions(
  before: Record<string, CliOption>,
  after: Record<string, CliOption>,
  pointer: string,
  what: string,
  add: Add,
): void {
  compareKeyed(before, after, pointer, add, {
    removed: (key) => ["major", `${what} ${key} removed (or renamed)`],
    added: (key, option) =>
      option.mandatory ? ["major", `${what} ${key} added, and it is required`] : ["minor", `${what} ${key} added`],
    both: (key, b, a, here) => {
      const name = `${what} ${key}`;
      if (b.short && b.short !== a.short) add("major", here, `${name}: short flag ${b.short} removed`);
      else if (!b.short && a.short) add("minor", here, `${name}: short flag ${a.short} added`);
      if (b.value !== a.value) {
        const relaxed = b.value === "required" && a.value === "optional";
        add(relaxed ? "minor" : "major", here, `${name}: its value is now ${a.value}, was ${b.value}`);
      }
      if (!b.mandatory && a.mandatory) add("major", here, `${name} is now required`);
      if (b.mandatory && !a.mandatory) add("minor", here, `${name} is now optional`);
      if (b.negatable !== a.negatable)
        add("major", here, `${name} ${a.negatable ? "is now a --no- flag" : "is no longer a --no- flag"}`);
      compareFlags(name, b, a, here, add);
    },
  });
}

/** What arguments and options share: variadic, default, choices. */
function compareFlags(
  name: string,
  before: { variadic: boolean; default?: Json; choices?: string[] },
  after: { variadic: boolean; default?: Json; choices?: string[] },
  pointer: string,
  add: Add,
): void {
  if (before.variadic && !after.variadic) add("major", pointer, `${name} no longer takes several values`);
  if (!before.variadic && after.variadic) add("minor", pointer, `${name} now takes several values`);
  if (!equal(before.default, after.default))
    add("patch", `${pointer}/default`, `${name}: default ${show(after.default)}, was ${show(before.default)}`);
  if (before.choices && !after.choices) add("minor", `${pointer}/choices`, `${name}: takes any value now`);
  else if (!before.choices && after.choices)
    add("major", `${pointer}/choices`, `${name}: takes only ${after.choices.join(", ")} now`);
  else if (before.choices && after.choices) {
    for (const choice of before.choices)
      if (!after.choices.includes(choice)) add("major", `${pointer}/choices`, `${name}: choice "${choice}" removed`);
    for (const choice of after.choices)
      if (!before.choices.includes(choice)) add("minor", `${pointer}/choices`, `${name}: choice "${choice}" added`);
  }
}

/** Compares two JSON Schemas of printed JSON, following `$ref`s into each report's `$defs`. */
function compareSchema(before: Json | undefined, after: Json | undefined, pointer: string, context: Context) {
  if (!isObject(before) || !isObject(after)) {
    if (!equal(before, after)) context.add("patch", pointer, "JSON output: schema changed");
    return;
  }
  const b = deref(before, context.before, pointer);
  const a = deref(after, context.after, pointer);
  if (b.name !== undefined || a.name !== undefined) {
    const pair = `${b.name ?? pointer}→${a.name ?? pointer}`;
    if (context.seen.has(pair)) return;
    context.seen.add(pair);
  }
  // Inside a definition, a change is reported once, at its place in `$defs`.
  const here = a.name !== undefined ? `/$defs/${pointerSegment(a.name)}` : pointer;
  const add: Add = (level, at, message) => context.add(level, at, `JSON output: ${message}`);
  if (b.schema === undefined || a.schema === undefined) {
    if (b.schema !== a.schema) add("major", here, `schema "${b.name ?? a.name}" is missing from $defs`);
    return;
  }
  const [bs, as] = [b.schema, a.schema];
  if (!equal(types(bs), types(as)))
    add("major", `${here}/type`, `type is now ${show(types(as))}, was ${show(types(bs))}`);

  const bProps = isObject(bs.properties) ? bs.properties : {};
  const aProps = isObject(as.properties) ? as.properties : {};
  const bRequired = strings(bs.required);
  const aRequired = strings(as.required);
  for (const [key, value] of Object.entries(bProps)) {
    const at = `${here}/properties/${pointerSegment(key)}`;
    if (!(key in aProps)) add("major", at, `property "${key}" removed`);
    else {
      if (bRequired.includes(key) && !aRequired.includes(key))
        add("major", at, `property "${key}" may now be absent (it was always there)`);
      if (!bRequired.includes(key) && aRequired.includes(key))
        add("minor", at, `property "${key}" is always there now`);
      compareSchema(value, aProps[key], at, context);
    }
  }
  for (const key of Object.keys(aProps))
    if (!(key in bProps)) add("minor", `${here}/properties/${pointerSegment(key)}`, `property "${key}" added`);

  if (bs.items !== undefined || as.items !== undefined) compareSchema(bs.items, as.items, `${here}/items`, context);

  if (Array.isArray(bs.enum) && Array.isArray(as.enum)) {
    for (const value of bs.enum)
      if (!as.enum.some((v) => equal(v, value))) add("minor", `${here}/enum`, `value ${show(value)} no longer printed`);
    for (const value of as.enum)
      if (!bs.enum.some((v) => equal(v, value))) add("minor", `${here}/enum`, `value ${show(value)} added`);
  } else if (Array.isArray(bs.enum) !== Array.isArray(as.enum)) {
    add(
      Array.isArray(bs.enum) ? "minor" : "major",
      `${here}/enum`,
      Array.isArray(bs.enum) ? "any value now" : "only some values now",
    );
  }

  for (const keyword of ["oneOf", "anyOf", "allOf"])
    compareVariants(bs[keyword], as[keyword], `${here}/${keyword}`, context);

  for (const key of new Set([...Object.keys(bs), ...Object.keys(as)])) {
    if (STRUCTURE.has(key) || PROSE.has(key) || key.startsWith("x-")) continue;
    if (key === "additionalProperties" && isObject(bs[key]) && isObject(as[key])) {
      compareSchema(bs[key], as[key], `${here}/${key}`, context);
    } else if (!equal(bs[key], as[key])) {
      add("patch", `${here}/${pointerSegment(key)}`, `"${key}" is now ${show(as[key])}, was ${show(bs[key])}`);
    }
  }
}

/** The variants of a `oneOf`, `anyOf` or `allOf`, matched by the definition they name, else by position. */
function compareVariants(before: Json | undefined, after: Json | undefined, pointer: string, context: Context) {
  const b = Array.isArray(before) ? before : [];
  const a = Array.isArray(after) ? after : [];
  const key = (variant: Json, i: number) =>
    isObject(variant) && typeof variant.$ref === "string" ? variant.$ref : `#${i}`;
  const aKeys = a.map(key);
  const bKeys = b.map(key);
  b.forEach((variant, i) => {
    const j = aKeys.indexOf(key(variant, i));
    if (j === -1) context.add("major", `${pointer}/${i}`, `JSON output: variant ${key(variant, i)} removed`);
    else compareSchema(variant, a[j], `${pointer}/${j}`, context);
  });
  a.forEach((variant, j) => {
    if (!bKeys.includes(key(variant, j)))
      context.add("minor", `${pointer}/${j}`, `JSON output: variant ${key(variant, j)} added`);
  });
}

/** A schema with its `$ref` followed (once per level), and the name of the definition it is. */
function deref(schema: JsonObject, surface: CliSurface, pointer: string): { schema?: JsonObject; name?: string } {
  let current: JsonObject | undefined = schema;
  let name: string | undefined;
  for (let depth = 0; current && typeof current.$ref === "string"; depth++) {
    if (depth > 32) throw new Error(`${pointer}: a cycle of $refs that never reaches a schema`);
    const ref: string = current.$ref;
    if (!ref.startsWith("#/$defs/"))
      throw new Error(`${pointer}: $ref "${ref}" does not point into the report's $defs`);
    name = ref.slice("#/$defs/".length);
    current = surface.$defs?.[name];
  }
  return { schema: current, name };
}

function types(schema: JsonObject): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return strings(schema.type).sort();
  return undefined;
}

function strings(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? "none" : JSON.stringify(value);
}

/** A key as a JSON pointer segment. */
function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** What `pnpm check:changeset` decides for @flatfile-jobs/cli: the release its surface's change needs, and whether
 * the pending changesets give it. `before` is undefined when the last release had no report: no change is counted. */
export function checkCliChangeset(
  before: CliSurface | undefined,
  after: CliSurface,
  planned: Bump,
): { needed: Bump; ok: boolean; reasons: string[]; note?: string } {
  if (before === undefined)
    return {
      needed: "none",
      ok: true,
      reasons: [],
      note: "The last release has no packages/cli/etc/cli.surface.json: the CLI's surface is not compared (no CLI change counted).",
    };
  const { bump, changes } = classifyCliSurfaceChange(before, after);
  return {
    needed: bump,
    ok: RANK[planned] >= RANK[bump],
    reasons: changes.map((c) => `${c.level}: the flatfile-jobs command, ${c.message} (${c.pointer})`),
  };
}
