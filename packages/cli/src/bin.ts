#!/usr/bin/env node
// The entry of the flatfile-jobs binary (dist/cli.mjs): runs the command that main.ts builds and sets the exit code.
import { main } from "./main.js";

main(process.argv).then((code) => {
  process.exitCode = code;
});
