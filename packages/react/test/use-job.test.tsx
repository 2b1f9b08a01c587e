// useJob in Chromium against the simulator behind Prism's validating proxy: it follows a job while it runs and
// stops polling when it ends (the simulator counts the polls), and only then.

import type { Job, JobsError } from "@flatfile-jobs/browser";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Component, type ReactNode } from "react";
import { expect, inject, it } from "vitest";
import { render } from "vitest-browser-react";
import { useJob } from "../src/index.js";
import { polls, simulator } from "./commands.js";
import { renderWithJobs, sleep, testClient } from "./render.js";

/** Shows the job as a line of text, and keeps every state it rendered. */
function JobLine(props: { jobId: string; seen?: Job[]; poll?: { interval: number; maxInterval: number } }) {
  const { data, error } = useJob(props.jobId, { poll: props.poll ?? { interval: 50, maxInterval: 200 } });
  if (data && props.seen?.at(-1) !== data) props.seen?.push(data);
  return (
    <p data-testid="job">
      {data ? `${data.status} ${data.progress ?? 0}% ${data.info ?? ""}`.trim() : "loading"}
      {error ? ` error: ${(error as JobsError).name}` : ""}
    </p>
  );
}

it("follows a job through its progress to complete, then stops polling", async () => {
  const [job] = await simulator.seed([{ status: "executing", progress: 0 }]);
  const id = (job as Job).id;
  const seen: Job[] = [];
  const { screen } = await renderWithJobs(<JobLine jobId={id} seen={seen} />);
  await expect.element(screen.getByTestId("job")).toHaveTextContent("executing 0%");

  await simulator.script(
    id,
    [
      { progress: 40, info: "Validating" },
      { progress: 80, info: "Writing" },
      { status: "complete", progress: 100, info: "142 records" },
    ],
    300,
  );
  await expect.element(screen.getByTestId("job"), { timeout: 10_000 }).toHaveTextContent("complete 100% 142 records");
  expect(seen.map((j) => j.info ?? "")).toEqual(expect.arrayContaining(["Validating", "Writing", "142 records"]));

  // Polling has stopped: a second (5 × the longest delay) adds no request.
  const after = await polls(id);
  await sleep(1_000);
  expect(await polls(id)).toBe(after);
});

it("backs off while the job does not change, as waitFor does", async () => {
  const [job] = await simulator.seed([{ status: "executing", progress: 10 }]);
  const id = (job as Job).id;
  await renderWithJobs(<JobLine jobId={id} poll={{ interval: 100, maxInterval: 800 }} />);
  await expect.poll(() => polls(id), { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(6);
  const times = (await simulator.requests())
    .filter((r) => r.method === "GET" && r.path.endsWith(`/jobs/${id}`))
    .map((r) => r.receivedAt);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  // Delays 100, 150, 225, 338, 506 ms (plus each request's own time): the last gap is several times the first.
  expect(gaps.at(-1)).toBeGreaterThan(2 * (gaps[0] as number));
  await simulator.update(id, { status: "canceled" });
});

it("ends at failed with the job's info as data, not as an error, and stops polling", async () => {
  const [job] = await simulator.seed([{ status: "executing", progress: 20 }]);
  const id = (job as Job).id;
  const { screen } = await renderWithJobs(<JobLine jobId={id} />);
  await expect.element(screen.getByTestId("job")).toHaveTextContent("executing 20%");
  await simulator.script(id, [{ status: "failed", info: "Sheet is locked" }], 50);
  await expect.element(screen.getByTestId("job"), { timeout: 10_000 }).toHaveTextContent("failed 20% Sheet is locked");
  expect(screen.getByTestId("job").element().textContent).not.toContain("error");
  const after = await polls(id);
  await sleep(1_000);
  expect(await polls(id)).toBe(after);
});

it("keeps polling a job whose status it does not know, until it ends", async () => {
  // This Prism's description leaves JobStatus open: a status added to the API after this client was built.
  const client = testClient({ baseUrl: inject("openStatusApiUrl") });
  const [job] = await simulator.seed([{ status: "archiving", progress: 30 } as Partial<Job>]);
  const id = (job as Job).id;
  const { screen } = await renderWithJobs(<JobLine jobId={id} />, client);
  await expect.element(screen.getByTestId("job")).toHaveTextContent("archiving 30%");
  const first = await polls(id);
  await expect.poll(() => polls(id), { timeout: 10_000 }).toBeGreaterThanOrEqual(first + 3);
  await simulator.update(id, { status: "complete", progress: 100 });
  await expect.element(screen.getByTestId("job"), { timeout: 10_000 }).toHaveTextContent("complete 100%");
});

it("does not poll while the tab is hidden, and polls again when it is shown", async () => {
  const [job] = await simulator.seed([{ status: "executing", progress: 5 }]);
  const id = (job as Job).id;
  await renderWithJobs(<JobLine jobId={id} poll={{ interval: 50, maxInterval: 50 }} />);
  await expect.poll(() => polls(id)).toBeGreaterThanOrEqual(3);
  // What the browser does when the tab goes to the background: TanStack's focus manager listens for it.
  const setVisibility = (state: DocumentVisibilityState) => {
    Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  };
  try {
    setVisibility("hidden");
    await sleep(150); // a poll already on its way may still arrive
    const hidden = await polls(id);
    await sleep(600); // 12 intervals
    expect(await polls(id)).toBe(hidden);
    setVisibility("visible");
    await expect.poll(() => polls(id)).toBeGreaterThanOrEqual(hidden + 2);
  } finally {
    setVisibility("visible");
    await simulator.update(id, { status: "canceled" });
  }
});

it("stops the request in flight when the last component using the job unmounts", async () => {
  const client = testClient({ baseUrl: inject("holdUrl") });
  const { screen } = await renderWithJobs(<JobLine jobId="us_jb_held0001" />, client);
  const path = "/v1/jobs/us_jb_held0001";
  await expect.poll(async () => (await simulator.held()).filter((r) => r.path === path)).toHaveLength(1);
  expect((await simulator.held()).find((r) => r.path === path)?.closedByClient).toBe(false);
  await screen.unmount();
  await expect.poll(async () => (await simulator.held()).find((r) => r.path === path)?.closedByClient).toBe(true);
});

class Boundary extends Component<{ children: ReactNode }, { message?: string }> {
  override state: { message?: string } = {};
  static getDerivedStateFromError(error: Error) {
    return { message: `${error.name}: ${error.message}` };
  }
  override render() {
    return this.state.message ? <p data-testid="caught">{this.state.message}</p> : this.props.children;
  }
}

it("says which provider is missing when there is no client", async () => {
  const screen = await render(
    <QueryClientProvider client={new QueryClient()}>
      <Boundary>
        <JobLine jobId="us_jb_none" />
      </Boundary>
    </QueryClientProvider>,
  );
  await expect
    .element(screen.getByTestId("caught"))
    .toHaveTextContent("InvalidArgumentError: useJob, useJobs and useJobsMutation need a client");
});
