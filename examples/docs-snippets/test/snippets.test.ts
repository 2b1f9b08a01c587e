// Every ```ts and ```tsx block of the READMEs, compiled as an app's own module would be (strict, NodeNext, against the
// packages' published builds): a snippet that stops compiling after a change to the API fails here, by name.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL("../", import.meta.url));
const out = `${here}.snippets/`;

/** The READMEs a user reads: the repository's, each package's and each example's. */
const readmes = [
  "README.md",
  ...["packages", "examples"].flatMap((dir) =>
    readdirSync(`${root}${dir}`)
      .map((name) => `${dir}/${name}/README.md`)
      .filter((file) => {
        try {
          return readFileSync(`${root}${file}`).length > 0;
        } catch {
          return false;
        }
      }),
  ),
];

interface Snippet {
  /** `README.md:62`: where the block starts. */
  name: string;
  file: string;
}

// Names the snippets use without defining them, as the text around each one explains (an app's own values).
const GLOBALS = `
import type { JobsClient, Job } from "@flatfile-jobs/core";
declare global {
  const accessToken: string;
  const spaceId: string;
  const jobId: string;
  const token: string;
  const env: { FLATFILE_API_KEY: string };
  const client: JobsClient;
  const batches: unknown[][];
  function importBatch(batch: unknown[]): Promise<void>;
  const metrics: { increment(name: string): void };
  const job: Job;
}
export {};
`;

function extract(): Snippet[] {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}globals.d.ts`, GLOBALS);
  const snippets: Snippet[] = [];
  for (const readme of readmes) {
    const lines = readFileSync(`${root}${readme}`, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const lang = lines[i]?.trim();
      if (lang !== "```ts" && lang !== "```tsx") continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end]?.trim() !== "```") end++;
      const code = lines.slice(start, end).join("\n");
      const file = `${out}${readme.replace(/[/.]/g, "_")}_${start}.${lang.slice(3)}`;
      // Each snippet is a module of its own (top-level await, its own imports).
      writeFileSync(file, `${code}\nexport {};\n`);
      snippets.push({ name: `${readme}:${start}`, file });
      i = end;
    }
  }
  return snippets;
}

const snippets = extract();
const config = ts.getParsedCommandLineOfConfigFile(
  `${here}tsconfig.json`,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
const program = ts.createProgram([`${out}globals.d.ts`, ...snippets.map((s) => s.file)], {
  ...config?.options,
  noEmit: true,
  // The snippets are excerpts: a value computed for the reader and not used again is fine.
  noUnusedLocals: false,
});

function diagnosticsOf(file: string): string[] {
  const source = program.getSourceFile(file);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("README snippets compile against the packages as published", () => {
  it("finds the snippets", () => {
    expect(snippets.length).toBeGreaterThan(15);
  });

  it.each(snippets)("$name", ({ file }) => {
    expect(diagnosticsOf(file)).toEqual([]);
  });
});
