// Bundles an entry of a runtime's app with the packages npm installed into its node_modules, as an app built for
// Workers or an edge runtime bundles them: esbuild, platform "neutral", the "browser" export conditions first.
// The app passes in esbuild's `build` (this folder has no node_modules of its own).
export async function bundle(build, entry, format) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    platform: "neutral",
    conditions: ["browser", "import", "default"],
    target: "es2022",
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
