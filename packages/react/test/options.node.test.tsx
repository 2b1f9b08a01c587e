// The option factories on their own (no React, no server): their keys, and what they refuse.
import { createJobsCore, InvalidArgumentError } from "@flatfile-jobs/browser";
import { expect, it } from "vitest";
import { jobQueryOptions, jobsInfiniteQueryOptions, jobsKeys } from "../src/index.js";

const client = createJobsCore({ token: "pk_options", baseUrl: "http://127.0.0.1:9/v1" });

it("refuses a poll interval that is not a number of milliseconds, saying which and why", () => {
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { interval: -5 } })).toThrow(InvalidArgumentError);
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { maxInterval: Number.NaN } })).toThrow(
    "poll.maxInterval must be a number of milliseconds from 1 to 2147483647, got NaN.",
  );
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { interval: "1s" as never } })).toThrow(
    "poll.interval must be a number of milliseconds from 1 to 2147483647, got 1s.",
  );
});

it("keys every entry by the client's base URL, so two clients never share one", () => {
  const other = createJobsCore({ token: "pk_options", baseUrl: "http://127.0.0.1:10/v1" });
  expect(jobQueryOptions(client, "us_jb_1").queryKey).not.toEqual(jobQueryOptions(other, "us_jb_1").queryKey);
  expect(jobsInfiniteQueryOptions(client, { spaceId: "us_sp_1" }).queryKey).toEqual(
    jobsKeys.list(client, { spaceId: "us_sp_1" }),
  );
  expect(jobsKeys.list(client).slice(0, 3)).toEqual(jobsKeys.lists(client));
  expect(jobQueryOptions(client, "us_jb_1", { poll: false }).refetchInterval).toBe(false);
});
