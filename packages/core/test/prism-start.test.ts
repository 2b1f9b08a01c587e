// How the tests' Prism is started (tools/src/prism.ts): readiness read from whole lines of its output, however the
// pipe cuts them, and the port Prism bound itself (port 0) read from its "listening" line, so no other process can
// take a port between its being picked and bound.
import { PassThrough } from "node:stream";
import { eachLine, listeningPort, startPrism } from "@flatfile-jobs/tools/prism";
import { expect, it } from "vitest";

it("reads a line cut across two chunks as one line", async () => {
  const stream = new PassThrough();
  const lines: string[] = [];
  eachLine(stream, (line) => lines.push(line));
  stream.write("[CLI] ▶  start     Prism is lis");
  stream.write("tening on http://127.0.0.1:41234\n[CLI] next");
  stream.end(" line\n");
  await new Promise((resolve) => stream.on("end", resolve));
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines).toEqual(["[CLI] ▶  start     Prism is listening on http://127.0.0.1:41234", "[CLI] next line"]);
  expect(lines.map(listeningPort)).toEqual([41234, undefined]);
});

it("starts on a port Prism picked itself, and answers there", async () => {
  const spec = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    servers: [{ url: "http://localhost/v1" }],
    paths: {
      "/ping": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "object" }, example: { pong: true } } },
            },
          },
        },
      },
    },
  };
  const prism = await startPrism({ spec });
  try {
    expect(prism.port).toBeGreaterThan(0);
    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}/v1`);
    const response = await fetch(`${prism.url}/ping`);
    expect(await response.json()).toEqual({ pong: true });
  } finally {
    await prism.stop();
  }
}, 60_000);
