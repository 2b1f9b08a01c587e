// What an app costs in a browser: esbuild bundles its source as a browser app would ship it (minified ESM,
// `platform: "browser"`, es2022) and reports the min and min+gzip (zlib level 9) bytes and the Node built-ins
// the bundle imports (`node:…` or a bare builtin such as `fs`: kept out of the bundle, so that they are reported
// instead of failing the build; a browser cannot load them). `pnpm size` (the budgets) and the bench use it.
import { builtinModules } from "node:module";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BrowserBundle {
  /** Minified size in bytes. */
  min: number;
  /** Minified and gzipped (level 9) size in bytes. */
  gzip: number;
  /** The Node built-ins the bundle imports, sorted; empty for an app a browser can load. */
  nodeImports: string[];
}

/** Bundles `source` (JavaScript whose imports resolve from `resolveDir`, or through `alias`). */
export async function bundleForBrowser(
  source: string,
  resolveDir: string,
  alias?: Record<string, string>,
): Promise<BrowserBundle> {
  const out = await build({
    stdin: { contents: source, resolveDir, loader: "js", sourcefile: "app.js" },
    alias,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
    external: ["node:*", ...builtinModules],
  });
  const isBuiltin = (path: string) => path.startsWith("node:") || builtinModules.includes(path);
  const nodeImports = new Set(
    Object.values(out.metafile.inputs).flatMap((input) =>
      input.imports.filter((i) => i.external && isBuiltin(i.path)).map((i) => i.path),
    ),
  );
  const code = out.outputFiles[0]?.contents;
  if (code === undefined) throw new Error("esbuild returned no bundle");
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, nodeImports: [...nodeImports].sort() };
}
