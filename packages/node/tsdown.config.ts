import { defineConfig } from "tsdown";
import { library } from "../../tsdown.lib";

export default defineConfig([
  library,
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
