import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  dts: true,
  // .mjs/.cjs whatever the package type: the packages are not "type": "module", because with it the
  // CommonJS build would read the default export of openapi-fetch's CommonJS build the way Node's ESM
  // loader does (the whole exports object) instead of its `exports.default`.
  fixedExtension: true,
  sourcemap: true,
});
