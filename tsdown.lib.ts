// The library build every published package shares: its entry, ESM and CommonJS (or ESM alone for the browser),
// declarations and source maps.
import type { UserConfig } from "tsdown";

export const library = {
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  platform: "neutral",
  dts: true,
  // .mjs/.cjs whatever the package type. The packages are "type": "commonjs", because with "module" the
  // CommonJS build would read the default export of openapi-fetch's CommonJS build the way Node's ESM
  // loader does (the whole exports object) instead of its `exports.default`.
  fixedExtension: true,
  sourcemap: true,
} satisfies UserConfig;
