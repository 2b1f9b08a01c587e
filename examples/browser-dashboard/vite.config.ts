import { defineConfig } from "vite";

export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true },
  // Everything the page imports is already ESM; skipping the scan keeps no native handles open after a build.
  optimizeDeps: { noDiscovery: true, include: [] },
});
