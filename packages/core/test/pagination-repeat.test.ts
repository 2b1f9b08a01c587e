// jobs.iterate against a real server (tools/src/fault-server.ts) that sends no `pagination` and ignores
// `pageNumber`, answering every request with the same page: the walk ends instead of asking forever.
import { describe, expect, it } from "vitest";
import { createJobsClient } from "../src/index.js";
import { useFaultServer } from "./fault-server-setup.js";
import { jobOf } from "./recording-fetch.js";

const TOKEN = "sk_test_pages_repeat_1c4d";
/** Past this many requests the server answers an empty page, so that a walk that does not stop still ends. */
const GIVE_UP_AFTER = 50;

const server = useFaultServer();

const client = () => createJobsClient({ token: TOKEN, baseUrl: server().url, maxRetries: 0 });
const pageNumbers = () =>
  server()
    .requests()
    .map((r) => Object.fromEntries(r.query).pageNumber as string | undefined);

describe("jobs.iterate without pagination", () => {
  it.each([true, false])(
    "stops when the server answers every page number with the same page (prefetch %s)",
    async (prefetch) => {
      const page = { data: [jobOf(1), jobOf(2)] };
      server().script((request) =>
        request.seq > GIVE_UP_AFTER
          ? { kind: "status", status: 200, body: { data: [] } }
          : { kind: "status", status: 200, body: page },
      );
      const ids: string[] = [];
      for await (const job of client().jobs.iterate({ pageSize: 2 }, { prefetch })) ids.push(job.id);
      expect(ids).toEqual(["us_jb_1", "us_jb_2"]);
      expect(pageNumbers()).toEqual(["1", "2"]);
    },
  );

  it("still walks every page of a server that honours pageNumber", async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => jobOf(i + 1));
    // Pages are asked for one after another, so the n-th request is for page n.
    server().script(({ seq: n }) => ({ kind: "status", status: 200, body: { data: jobs.slice((n - 1) * 2, n * 2) } }));
    const ids: string[] = [];
    for await (const job of client().jobs.iterate({ pageSize: 2 })) ids.push(job.id);
    expect(ids).toEqual(jobs.map((j) => j.id));
    expect(pageNumbers()).toEqual(["1", "2", "3", "4"]);
  });
});
