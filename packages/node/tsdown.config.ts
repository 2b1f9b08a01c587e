import { defineConfig } from "tsdown";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    platform: "neutral",
    dts: true,
    // .mjs/.cjs whatever the package type. The packages are "type": "commonjs", because with "module" the
    // CommonJS build would read the default export of openapi-fetch's CommonJS build the way Node's ESM
    // loader does (the whole exports object) instead of its `exports.default`.
    fixedExtension: true,
    sourcemap: true,
  },
  {
    // The flatfile-jobs binary: its own bundle, so the library entry never loads commander or cli-progress.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    dts: false,
    fixedExtension: true,
    // Both builds share dist/; cleaning here would delete the library's files.
    clean: false,
  },
]);
