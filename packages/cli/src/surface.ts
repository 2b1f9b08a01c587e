// The public surface of the flatfile-jobs command as data, read from the commander program that main.ts builds:
// its commands, arguments, options, exit codes and the JSON Schema of what each prints with --json. Written to
// packages/cli/etc/cli.surface.json by `pnpm cli:surface` (scripts/cli-surface.ts), which the package's check compares.
import type { Argument, Command, Option } from "commander";
import { EXIT_CODES } from "./exit-codes.js";
import { OPERATIONS } from "./generated/spec.js";
import { JSON_ERROR_SCHEMA, type JsonOutput, jsonOutputOf } from "./json-output.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

/** The parts of openapi/openapi.yaml the report reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

const SPEC_REF = "#/components/schemas/";
const DEF_REF = "#/$defs/";
/** Words for readers of the spec, not part of a shape. */
const PROSE = new Set(["description", "example", "examples", "title", "$comment", "externalDocs"]);

/** The report: everything CONTRIBUTING's "Public API" counts as the command's surface. */
export function cliSurface(program: Command, spec: OpenApiDocument): Schema {
  const help = program.createHelp();
  const commands: Schema = {};
  const walk = (command: Command, prefix: string) => {
    for (const sub of help.visibleCommands(command)) {
      const name = `${prefix}${sub.name()}`;
      commands[name] = describeCommand(sub, name, spec);
      walk(sub, `${name} `);
    }
  };
  walk(program, "");
  const surface: Schema = {
    name: program.name(),
    globalOptions: describeOptions(help.visibleOptions(program)),
    commands,
    exitCodes: Object.fromEntries(EXIT_CODES.map(({ code, name, meaning }) => [String(code), { name, meaning }])),
    jsonError: JSON_ERROR_SCHEMA as unknown as Schema,
  };
  surface.$defs = referencedDefinitions(surface, spec);
  return sortKeys(surface) as Schema;
}

function describeCommand(command: Command, name: string, spec: OpenApiDocument): Schema {
  const output = jsonOutputOf(name);
  if (output === undefined)
    throw new Error(
      `The CLI surface report does not know what \`flatfile-jobs ${name} --json\` prints. Describe it in ` +
        "packages/cli/src/json-output.ts, as main.ts prints it, then run: pnpm cli:surface",
    );
  const described: Schema = {
    aliases: command.aliases(),
    arguments: command.registeredArguments.map(describeArgument),
    options: describeOptions(command.options as Option[]),
  };
  if (output !== null) described.json = jsonSchemaOf(output, spec);
  return described;
}

function describeArgument(argument: Argument): Schema {
  const described: Schema = { name: argument.name(), required: argument.required, variadic: argument.variadic };
  if (argument.defaultValue !== undefined) described.default = toJson(argument.defaultValue);
  if (argument.argChoices) described.choices = [...argument.argChoices];
  return described;
}

/** Options by their long flag (`--page-size`), or their flags when they have none. */
function describeOptions(options: readonly Option[]): Schema {
  const described: Schema = {};
  for (const option of options) {
    const entry: Schema = {
      flags: option.flags,
      long: option.long ?? null,
      short: option.short ?? null,
      value: option.required ? "required" : option.optional ? "optional" : "none",
      variadic: option.variadic,
      mandatory: option.mandatory,
      negatable: option.negate,
    };
    if (option.defaultValue !== undefined) entry.default = toJson(option.defaultValue);
    if (option.argChoices) entry.choices = [...option.argChoices];
    described[option.long ?? option.flags] = entry;
  }
  return described;
}

/** The JSON Schema of a command's output, with the spec's schemas as `$ref`s into the report's `$defs`. */
function jsonSchemaOf(output: NonNullable<JsonOutput>, spec: OpenApiDocument): Schema {
  if ("schema" in output) return output.schema as Schema;
  const operation = OPERATIONS.find((op) => op.operationId === output.response);
  const response = operation && spec.paths[operation.path]?.[operation.method.toLowerCase()]?.responses?.["200"];
  const body = (response as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.[
    "application/json"
  ]?.schema;
  if (body === undefined)
    throw new Error(
      `openapi/openapi.yaml has no JSON 200 response for the operation "${output.response}" that ` +
        "packages/cli/src/json-output.ts names; correct the name there, then run: pnpm cli:surface",
    );
  const schema = copySchema(body) as Schema;
  if (output.part !== "data") return schema;
  const data = resolve(schema, spec)?.properties;
  const part = (data as Schema | undefined)?.data;
  if (part === undefined || part === null || typeof part !== "object")
    throw new Error(
      `The 200 response of "${output.response}" in openapi/openapi.yaml has no "data" property to print.`,
    );
  return part as Schema;
}

function resolve(schema: Schema, spec: OpenApiDocument): Schema | undefined {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith(DEF_REF)) return schema;
  const target = spec.components.schemas[ref.slice(DEF_REF.length)];
  return target === undefined ? undefined : (copySchema(target) as Schema);
}

/** A spec schema as the report keeps it: its shape without the prose, its references pointing into `$defs`. */
function copySchema(node: unknown): Json {
  if (Array.isArray(node)) return node.map(copySchema);
  if (node === null || typeof node !== "object") return node as Json;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key) || key.startsWith("x-")) continue;
    copy[key] =
      typeof value === "string" && value.startsWith(SPEC_REF)
        ? `${DEF_REF}${value.slice(SPEC_REF.length)}`
        : key === "mapping" && value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v).replace(SPEC_REF, DEF_REF)]))
          : copySchema(value);
  }
  return copy;
}

/** Every spec schema the report refers to, directly or through another, copied. */
function referencedDefinitions(surface: Schema, spec: OpenApiDocument): Schema {
  const defs: Schema = {};
  const pending: string[] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith(DEF_REF))
          pending.push(value.slice(DEF_REF.length));
        else collect(value);
      }
  };
  collect(surface);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in defs) continue;
    const schema = spec.components.schemas[name];
    if (schema === undefined)
      throw new Error(`The CLI surface refers to the schema "${name}", which openapi/openapi.yaml does not have.`);
    defs[name] = copySchema(schema);
    collect(defs[name]);
  }
  return defs;
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Object keys in order, so that the report is the same whatever order things were added in. */
function sortKeys(node: Json): Json {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((key) => [key, sortKeys(node[key] as Json)]),
  );
}
