// The exit codes of the flatfile-jobs command, in one table: errors.ts exits by it, the help text lists it, and the
// CLI surface report (packages/cli/etc/cli.surface.json) records it. A code is public (CONTRIBUTING, "Public API").
export const EXIT_CODES = [
  { name: "ok", code: 0, meaning: "done" },
  { name: "failure", code: 1, meaning: "the API refused or failed (or the waited-for job did)" },
  { name: "usage", code: 2, meaning: "usage error" },
  { name: "interrupted", code: 130, meaning: "Ctrl-C" },
] as const;

type ExitName = (typeof EXIT_CODES)[number]["name"];

/** `EXIT.usage` → 2: the code of each outcome by name. */
export const EXIT = Object.fromEntries(EXIT_CODES.map(({ name, code }) => [name, code])) as {
  readonly [K in ExitName]: Extract<(typeof EXIT_CODES)[number], { name: K }>["code"];
};

/** `Exit codes: 0 done, 1 …, 130 Ctrl-C.`: the line of the help text. */
export const EXIT_CODES_HELP = `Exit codes: ${EXIT_CODES.map(({ code, meaning }) => `${code} ${meaning}`).join(", ")}.`;
