// classifyCliSurfaceChange and checkCliChangeset (tools/src/cli-surface-diff.ts): the release a change of the
// flatfile-jobs command's surface report (packages/cli/etc/cli.surface.json) needs, as `pnpm cli:surface --check`
// prints it and `pnpm check:changeset` requires it. The fixture is a report in `pnpm cli:surface`'s own layout.

import {
  type CliOption,
  type CliSurface,
  checkCliChangeset,
  classifyCliSurfaceChange,
} from "@flatfile-jobs/tools/cli-surface-diff";
import { describe, expect, it } from "vitest";

const option = (flags: string, more: Partial<CliOption> = {}): CliOption => ({
  flags,
  long: flags.split(" ")[0] ?? null,
  short: null,
  value: flags.includes("<") ? "required" : "none",
  variadic: false,
  mandatory: false,
  negatable: false,
  ...more,
});

const JOB_ID = { name: "jobId", required: true, variadic: false };

/** A report as `pnpm cli:surface` writes it, cut down to a few commands. */
const BASE: CliSurface = {
  name: "flatfile-jobs",
  globalOptions: { "--json": option("--json"), "--token": option("--token <token>") },
  commands: {
    get: { aliases: [], arguments: [JOB_ID], options: {}, json: { $ref: "#/$defs/Job" } },
    list: {
      aliases: [],
      arguments: [],
      options: {
        "--page-size": option("--page-size <n>"),
        "--sort": option("--sort <direction>", { choices: ["asc", "desc"] }),
        "--query": option("--query <name=value>", { default: {} }),
      },
      json: {
        type: "object",
        properties: { data: { type: "array", items: { $ref: "#/$defs/Job" } }, pagination: { type: "object" } },
        required: ["data"],
      },
    },
    ack: {
      aliases: [],
      arguments: [JOB_ID],
      options: { "--info": option("--info <text>") },
      json: { $ref: "#/$defs/Job" },
    },
  },
  exitCodes: {
    "0": { name: "ok", meaning: "done" },
    "1": { name: "failure", meaning: "the API refused or failed" },
    "2": { name: "usage", meaning: "usage error" },
    "130": { name: "interrupted", meaning: "Ctrl-C" },
  },
  jsonError: { type: "object", properties: { exitCode: { type: "integer" } } },
  $defs: {
    Job: {
      type: "object",
      properties: { id: { $ref: "#/$defs/JobId" }, status: { type: "string" }, progress: { type: "integer" } },
      required: ["id"],
    },
    JobId: { type: "string" },
  },
};

/** The classification of BASE changed by `edit`, on a copy. */
function classify(edit: (report: CliSurface) => void) {
  const after = structuredClone(BASE);
  edit(after);
  return classifyCliSurfaceChange(BASE, after);
}

/** The levels and pointers of a classification, the part a reader acts on. */
function levels(result: ReturnType<typeof classify>) {
  return result.changes.map(({ level, pointer }) => ({ level, pointer }));
}

describe("classifyCliSurfaceChange", () => {
  it("finds nothing between a report and itself", () => {
    expect(classify(() => {})).toEqual({ bump: "none", changes: [] });
  });

  it("calls a renamed command (the old name removed) major, the new name minor", () => {
    const result = classify((r) => {
      r.commands.show = r.commands.get as CliSurface["commands"][string];
      delete r.commands.get;
    });
    expect(result.bump).toBe("major");
    expect(result.changes).toEqual([
      { level: "major", pointer: "/commands/get", message: 'command "get" removed (or renamed)' },
      { level: "minor", pointer: "/commands/show", message: 'command "show" added' },
    ]);
  });

  it("calls a removed or renamed argument major", () => {
    expect(classify((r) => r.commands.get?.arguments.pop()).bump).toBe("major");
    const renamed = classify((r) => {
      r.commands.get = {
        ...(r.commands.get as CliSurface["commands"][string]),
        arguments: [{ ...JOB_ID, name: "id" }],
      };
    });
    expect(renamed.bump).toBe("major");
    expect(renamed.changes[0]?.message).toBe("get: argument <jobId> renamed <id>");
  });

  it("calls a removed option, global option or short flag major", () => {
    expect(levels(classify((r) => delete r.commands.ack?.options["--info"]))).toEqual([
      { level: "major", pointer: "/commands/ack/options/--info" },
    ]);
    expect(classify((r) => delete r.globalOptions["--token"]).bump).toBe("major");
    const shortened = structuredClone(BASE);
    (shortened.globalOptions["--json"] as CliOption).short = "-j";
    expect(classifyCliSurfaceChange(shortened, BASE).bump).toBe("major");
  });

  it("calls a removed choice major and an added one minor", () => {
    const removed = classify((r) => {
      (r.commands.list?.options["--sort"] as CliOption).choices = ["asc"];
    });
    expect(removed.bump).toBe("major");
    expect(removed.changes[0]?.message).toBe('list: option --sort: choice "desc" removed');
    const added = classify((r) => {
      (r.commands.list?.options["--sort"] as CliOption).choices = ["asc", "desc", "random"];
    });
    expect(added.bump).toBe("minor");
  });

  it("calls a removed exit code major and an added one minor", () => {
    expect(levels(classify((r) => delete r.exitCodes["130"]))).toEqual([{ level: "major", pointer: "/exitCodes/130" }]);
    expect(classify((r) => (r.exitCodes["3"] = { name: "timeout", meaning: "timed out" })).bump).toBe("minor");
  });

  it("calls a required argument or a mandatory option added major, an optional one minor", () => {
    expect(
      classify((r) => r.commands.ack?.arguments.push({ name: "part", required: true, variadic: false })).bump,
    ).toBe("major");
    expect(
      classify((r) => r.commands.ack?.arguments.push({ name: "part", required: false, variadic: false })).bump,
    ).toBe("minor");
    const mandatory = classify((r) => {
      (r.commands.ack as CliSurface["commands"][string]).options["--progress"] = option("--progress <n>", {
        mandatory: true,
      });
    });
    expect(mandatory.bump).toBe("major");
    expect(mandatory.changes[0]?.message).toBe("ack: option --progress added, and it is required");
    const optional = classify((r) => {
      (r.commands.ack as CliSurface["commands"][string]).options["--progress"] = option("--progress <n>");
    });
    expect(optional.bump).toBe("minor");
  });

  it("calls an option made required, or a flag that now takes a value, major", () => {
    expect(classify((r) => ((r.commands.ack?.options["--info"] as CliOption).mandatory = true)).bump).toBe("major");
    expect(classify((r) => ((r.globalOptions["--json"] as CliOption).value = "required")).bump).toBe("major");
  });

  it("calls a changed default a patch (the same call behaves differently)", () => {
    const result = classify((r) => {
      (r.commands.list?.options["--query"] as CliOption).default = { pageSize: "50" };
    });
    expect(result).toEqual({
      bump: "patch",
      changes: [
        {
          level: "patch",
          pointer: "/commands/list/options/--query/default",
          message: 'list: option --query: default {"pageSize":"50"}, was {}',
        },
      ],
    });
  });

  it("calls a property removed from what --json prints major, reported once at its definition", () => {
    const result = classify((r) => delete r.$defs.Job?.properties);
    expect(result.bump).toBe("major");
    // get and ack both print a Job: the change is one change of the definition, not one per command.
    expect(levels(result)).toEqual([
      { level: "major", pointer: "/$defs/Job/properties/id" },
      { level: "major", pointer: "/$defs/Job/properties/status" },
      { level: "major", pointer: "/$defs/Job/properties/progress" },
    ]);
  });

  it("calls a changed type in what --json prints major, through a $ref", () => {
    const result = classify((r) => (r.$defs.JobId = { type: "integer" }));
    expect(result.bump).toBe("major");
    expect(result.changes).toEqual([
      { level: "major", pointer: "/$defs/JobId/type", message: 'JSON output: type is now ["integer"], was ["string"]' },
    ]);
  });

  it("calls a property of --json that may now be absent major", () => {
    expect(classify((r) => ((r.commands.list?.json as { required: string[] }).required = [])).bump).toBe("major");
  });

  it("calls a property added to what --json prints minor", () => {
    const result = classify((r) => {
      ((r.$defs.Job as { properties: Record<string, unknown> }).properties as Record<string, unknown>).outcome = {
        type: "object",
      };
    });
    expect(result).toEqual({
      bump: "minor",
      changes: [
        { level: "minor", pointer: "/$defs/Job/properties/outcome", message: 'JSON output: property "outcome" added' },
      ],
    });
  });

  it("calls a command or an optional option added minor", () => {
    expect(
      classify(
        (r) => (r.commands.retry = { aliases: [], arguments: [JOB_ID], options: {}, json: { $ref: "#/$defs/Job" } }),
      ).bump,
    ).toBe("minor");
    expect(
      classify((r) => ((r.commands.list as CliSurface["commands"][string]).options["--all"] = option("--all"))).bump,
    ).toBe("minor");
  });

  it("ignores descriptions in what --json prints", () => {
    expect(classify((r) => ((r.$defs.Job as Record<string, unknown>).description = "A job.")).bump).toBe("none");
  });
});

describe("checkCliChangeset (what pnpm check:changeset decides for @flatfile-jobs/cli)", () => {
  const renamedGet = () => {
    const after = structuredClone(BASE);
    after.commands.show = after.commands.get as CliSurface["commands"][string];
    delete after.commands.get;
    return after;
  };

  it("refuses a minor changeset when the get command is renamed, and says why", () => {
    const verdict = checkCliChangeset(BASE, renamedGet(), "minor");
    expect(verdict.ok).toBe(false);
    expect(verdict.needed).toBe("major");
    expect(verdict.reasons).toContain(
      'major: the flatfile-jobs command, command "get" removed (or renamed) (/commands/get)',
    );
  });

  it("accepts a major changeset for it", () => {
    expect(checkCliChangeset(BASE, renamedGet(), "major")).toMatchObject({ ok: true, needed: "major" });
  });

  it("needs at least minor for an addition, and nothing when the surface is unchanged", () => {
    const added = structuredClone(BASE);
    added.exitCodes["3"] = { name: "timeout", meaning: "timed out" };
    expect(checkCliChangeset(BASE, added, "patch")).toMatchObject({ ok: false, needed: "minor" });
    expect(checkCliChangeset(BASE, added, "minor")).toMatchObject({ ok: true, needed: "minor" });
    expect(checkCliChangeset(BASE, structuredClone(BASE), "none")).toEqual({ needed: "none", ok: true, reasons: [] });
  });

  it("counts no CLI change when the last release had no report, and says so", () => {
    const verdict = checkCliChangeset(undefined, renamedGet(), "none");
    expect(verdict.ok).toBe(true);
    expect(verdict.needed).toBe("none");
    expect(verdict.note).toMatch(/no packages\/cli\/etc\/cli\.surface\.json/);
  });
});
