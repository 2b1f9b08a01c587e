import { defineConfig } from "tsdown";
import { library } from "../../tsdown.lib";

// ESM only: React apps are bundled. React, TanStack Query and the client stay imports.
export default defineConfig({ ...library, format: ["esm"], platform: "browser" });
