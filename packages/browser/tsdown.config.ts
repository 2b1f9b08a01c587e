import { defineConfig } from "tsdown";
import { library } from "../../tsdown.lib";

// ESM only, for browsers.
export default defineConfig({ ...library, format: ["esm"], platform: "browser" });
