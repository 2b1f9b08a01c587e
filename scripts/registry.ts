// `pnpm registry`: runs a local npm registry (Verdaccio, no uplinks, storage in a temporary folder) in the
// foreground until Ctrl-C, for trying a release by hand: put the printed lines in .npmrc, then `pnpm release`.
import { startRegistry } from "@flatfile-jobs/tools/registry";

const registry = await startRegistry();
console.log(`Verdaccio is listening on ${registry.url} (pid ${registry.pid}).`);
console.log(`To publish and install the @flatfile-jobs packages through it, put these lines in an .npmrc:\n`);
console.log(registry.npmrc);
console.log("Packages outside the scope still come from your usual registry. Ctrl-C stops it and deletes its storage.");
const stop = () => registry.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
