import { defineConfig } from "tsdown";

// The flatfile-jobs binary, and nothing else: the package exports no library. Its dependencies
// (@flatfile-jobs/node, commander, cli-progress) stay imports, as tsdown leaves every package.json dependency out
// of the bundle, so the bin runs the installed client rather than a copy of it (test/bundle.test.ts checks).
export default defineConfig({
  entry: { cli: "src/bin.ts" },
  format: ["esm"],
  platform: "node",
  dts: false,
  // dist/cli.mjs whatever the package type; the shebang of src/bin.ts is kept and the file made executable.
  fixedExtension: true,
});
