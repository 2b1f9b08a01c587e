// Starts and stops a private npm registry (Verdaccio) on a free 127.0.0.1 port, for publishing tests and
// `pnpm registry`. It serves only what is published to it: no uplinks, so it never reaches the internet, and an
// install from it takes everything outside the @flatfile-jobs scope from the registry the user's npm is set up with.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import getPort from "get-port";

export const SCOPE: string = "@flatfile-jobs";
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  /** The folder the packages are kept in. */
  storage: string;
  pid: number;
  /** The lines of an `.npmrc` that send the scope (and only the scope) to this registry. */
  npmrc: string;
  /** Verdaccio's output lines. */
  log(): string[];
  /** Stops Verdaccio (SIGTERM, then SIGKILL after 5 s) and removes its configuration (and the default storage). */
  stop(): Promise<void>;
}

/**
 * Starts Verdaccio. `storage` keeps the packages in a folder of the caller's (so a restart serves them again);
 * by default a temporary one, removed by `stop()`. `refuse` lists packages it refuses to publish (403), as a
 * registry that turns one package down halfway through a release would.
 */
export async function startRegistry(
  options: { storage?: string; refuse?: string[]; port?: number } = {},
): Promise<LocalRegistry> {
  const home = await mkdtemp(join(tmpdir(), "jobs-registry-"));
  const storage = options.storage ?? join(home, "storage");
  await mkdir(storage, { recursive: true });
  const port = options.port ?? (await getPort({ host: "127.0.0.1" }));
  const url = `http://127.0.0.1:${port}/`;
  const refused = Object.fromEntries(
    (options.refuse ?? []).map((name) => [name, { access: "$all", publish: "$authenticated" }]),
  );
  const config = {
    storage,
    auth: { htpasswd: { file: join(home, "htpasswd"), max_users: -1 } },
    uplinks: {},
    packages: {
      ...refused,
      [`${SCOPE}/*`]: { access: "$all", publish: "$all", unpublish: "$all" },
      "**": { access: "$all" },
    },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "warn" },
    server: { keepAliveTimeout: 60 },
  };
  const configFile = join(home, "config.yaml");
  await writeFile(configFile, JSON.stringify(config, null, 2));

  const child = spawn(process.execPath, [verdaccioBin(), "--config", configFile, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, VERDACCIO_HANDLE_KILL_SIGNALS: "true" },
  });
  const { pid } = child;
  if (pid === undefined) {
    // Not started (the reason comes as an "error" event).
    const error = await new Promise<Error>((resolve) => child.once("error", resolve));
    await rm(home, { recursive: true, force: true });
    throw new Error(`Verdaccio could not be started: ${error.message}`);
  }
  const log: string[] = [];
  const keep = (chunk: Buffer) => log.push(...String(chunk).split("\n").filter(Boolean));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(home, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, exited);
  } catch (error) {
    await stop();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}. Verdaccio's output:\n${log.slice(-30).join("\n")}`,
    );
  }
  return {
    url,
    port,
    storage,
    pid,
    npmrc: `${SCOPE}:registry=${url}\n//127.0.0.1:${port}/:_authToken=local-test-token\n`,
    log: () => [...log],
    stop,
  };
}

/** Verdaccio's executable, resolved from this repository's dependencies. */
function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("verdaccio/package.json")), "bin/verdaccio");
}

async function waitUntilReady(url: string, child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let stopped = false;
  exited.then(() => {
    stopped = true;
  });
  while (Date.now() < deadline) {
    if (stopped) throw new Error(`Verdaccio exited with code ${child.exitCode}`);
    try {
      const response = await fetch(new URL("-/ping", url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Verdaccio did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}
