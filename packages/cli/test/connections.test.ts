// The built command's connections, against local servers on 127.0.0.1 (test/local-servers.ts): it exits by itself
// while the client holds an idle keep-alive connection, it goes through HTTP_PROXY, and an invalid proxy variable is
// a usage error. (How the client keeps connections and uses proxies is tested in packages/node.)
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_PAGE, type LocalServer, runToExit, startApiServer, startProxy } from "./local-servers.js";

const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const TOKEN = "sk_test_cli_SECRETconnections77";

let api: LocalServer;
let proxy: LocalServer;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm turbo run build\` first.`);
  [api, proxy] = await Promise.all([startApiServer(), startProxy()]);
});
afterAll(async () => {
  await Promise.all([api?.close(), proxy?.close()]);
});

/** `flatfile-jobs list` against the local API, with only PATH, the token and `env` in its environment. */
function list(env: Record<string, string> = {}, options: string[] = ["--json"]) {
  // 15 s: far above what the command needs and far below the 10 minutes an idle connection may stay open.
  return runToExit(process.execPath, [CLI, "list", ...options, "--base-url", api.url], {
    env: { PATH: process.env.PATH, FLATFILE_API_KEY: TOKEN, ...env },
    limitMs: 15_000,
  });
}

describe("connections", () => {
  it("exits by itself after a command, with its idle connection left open for 10 minutes by the server's hint", async () => {
    // The server says Keep-Alive: timeout=600, so undici would keep the connection for almost 10 minutes; an
    // idle connection must not hold the process open that long.
    const result = await list();
    expect(result).toMatchObject({ exit: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual(LIST_PAGE);
  }, 30_000);

  it("goes through HTTP_PROXY", async () => {
    const before = { connects: proxy.requests().length, api: api.requests().length };
    const result = await list({ HTTP_PROXY: proxy.url });
    expect(result.exit).toBe(0);
    expect(
      proxy
        .requests()
        .slice(before.connects)
        .map((r) => `${r.method} ${r.url}`),
    ).toEqual([`CONNECT ${api.host}`]);
    expect(api.requests().slice(before.api)).toHaveLength(1);
  });

  it("refuses an invalid proxy variable with exit code 2 and one line saying how to fix it; nothing is sent", async () => {
    const before = api.requests().length;
    const env = { HTTPS_PROXY: "jobs-bot:SECRETpw@proxy.corp.example:3128", HTTP_PROXY: proxy.url };
    const result = await list(env, []);
    expect(result.exit).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Error: HTTPS_PROXY has no scheme: it must start with http:\/\/ .*\n$/);
    expect(result.stderr).not.toContain("SECRETpw");
    expect(result.stderr).not.toContain("SECRETconnections77");
    expect(api.requests().length).toBe(before);
  });
});
