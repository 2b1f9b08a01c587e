// `pnpm demo`: runs examples/node-quickstart against the Prism mock of the spec, or against a real API
// when both FLATFILE_API_KEY and FLATFILE_API_URL are set. The mock is stopped when the app exits.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startPrism } from "./lib/prism.mjs";

const app = fileURLToPath(new URL("../examples/node-quickstart/dist/main.js", import.meta.url));
const real = Boolean(process.env.FLATFILE_API_KEY && process.env.FLATFILE_API_URL);

let prism;
const env = { ...process.env };
if (real) {
  console.log(`Using the API at ${env.FLATFILE_API_URL}\n`);
} else {
  prism = await startPrism();
  console.log(`Started the mock Jobs API (Prism on openapi/openapi.yaml, PID ${prism.pid}) at ${prism.url}\n`);
  // The mock accepts any bearer token; FLATFILE_API_URL takes the platform form, /v1 is appended.
  env.FLATFILE_API_KEY = "sk_demo_mock";
  env.FLATFILE_API_URL = prism.origin;
  delete env.FLATFILE_BEARER_TOKEN;
}

const child = spawn(process.execPath, [app], { stdio: "inherit", env });
const stopAndExit = async (code) => {
  if (prism) await prism.stop();
  process.exit(code);
};
process.once("SIGINT", () => child.kill("SIGINT"));
child.once("exit", (code, signal) => {
  if (prism) console.log("\nStopped the mock.");
  void stopAndExit(code ?? (signal ? 1 : 0));
});
