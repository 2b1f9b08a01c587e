// Starts and stops Prism, the OpenAPI mock server, on openapi/openapi.yaml: used by the tests, `pnpm demo`
// and `pnpm mock`. Each server gets a free 127.0.0.1 port and is stopped by PID.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import getPort from "get-port";
import { parse, stringify } from "yaml";

import { SPEC_PATH } from "./spec.mjs";

export { SPEC_PATH };

// Prism needs about 6 s of one core to load this spec (most of it dereferencing the large Property and
// JobUpdateConfig unions); on a busy 2-core machine that stretches, so readiness is given a generous bound.
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

/**
 * Prism serves a spec's paths at the root and ignores the base path of `servers`. To serve the API the way
 * the real one is addressed (`…/v1/jobs`), Prism gets a copy of the spec whose paths carry the base path of
 * the first server. Nothing else in the spec changes.
 */
async function specWithBasePath(dir, document) {
  const spec = structuredClone(document ?? parse(await readFile(SPEC_PATH, "utf8")));
  const basePath = new URL(spec.servers[0].url).pathname.replace(/\/$/, "");
  spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([path, item]) => [basePath + path, item]));
  spec.servers = [{ url: "/" }];
  const file = join(dir, "openapi.yaml");
  await writeFile(file, stringify(spec, { aliasDuplicateObjects: false }));
  return { file, basePath };
}

function prismBin() {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(require("node:fs").readFileSync(pkgPath, "utf8"));
  return join(dirname(pkgPath), typeof bin === "string" ? bin : bin.prism);
}

/**
 * Without `proxy`, Prism mocks the API from the spec. With `proxy` (an upstream origin such as the Jobs simulator),
 * Prism forwards every request there and validates both directions against the spec; with `errors` a violation
 * becomes an error response (422 for a request, 500 for a response) instead of a log line. With `warmUp`, the
 * plan operations are sent once before it resolves (see prism-warm-up.mjs; a proxy's upstream needs
 * `WARM_UP_JOB_ID`). With `spec`, it serves that parsed description instead of openapi/openapi.yaml.
 * @param {{ dynamic?: boolean, port?: number, errors?: boolean, proxy?: string, warmUp?: boolean, spec?: object }} [options]
 * @returns {Promise<import("./prism.d.mts").PrismServer>}
 */
export async function startPrism(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), "jobs-prism-"));
  const { file, basePath } = await specWithBasePath(dir, options.spec);
  const host = "127.0.0.1";
  const port = options.port ?? (await getPort({ host }));
  const args = options.proxy
    ? [prismBin(), "proxy", file, options.proxy, "-h", host, "-p", String(port)]
    : [prismBin(), "mock", file, "-h", host, "-p", String(port)];
  if (options.dynamic) args.push("-d");
  if (options.errors) args.push("--errors");

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const log = [];
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const onData = (chunk) => {
    for (const line of String(chunk).split("\n")) if (line.trim()) log.push(line);
    if (log.length > 500) log.splice(0, log.length - 500);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, "SIGTERM");
      const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      const check = () => {
        if (log.some((line) => line.includes("Prism is listening on"))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", check);
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
  } catch (err) {
    await stop();
    throw new Error(`${err.message}. Its output:\n${log.slice(-30).join("\n")}`);
  }

  const origin = `http://${host}:${port}`;
  if (options.warmUp) {
    try {
      // Loaded here, not at the top: it reads the spec through spec.mjs, which imports this module.
      const { warmUpPlanOperations } = await import("./prism-warm-up.mjs");
      await warmUpPlanOperations(origin + basePath);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return { origin, url: origin + basePath, port, pid: child.pid, log: () => [...log], stop };
}
