// useJobs and useJobsMutation in Chromium against the simulator behind Prism's validating proxy.
import { BadRequestError, type Job } from "@flatfile-jobs/browser";
import { expect, it } from "vitest";
import { useJob, useJobs, useJobsMutation } from "../src/index.js";
import { simulator } from "./commands.js";
import { renderWithJobs } from "./render.js";

/** How many `GET /jobs` the simulator has answered for `spaceId`, with the page number each asked for. */
async function listPages(spaceId: string): Promise<string[]> {
  return (await simulator.requests())
    .filter((r) => r.method === "GET" && r.path === "/v1/jobs" && r.query.spaceId === spaceId)
    .map((r) => r.query.pageNumber ?? "");
}

function JobList(props: { spaceId?: string; environmentId?: string; pageSize?: number }) {
  const { data, hasNextPage, fetchNextPage, isFetchingNextPage } = useJobs({ pageSize: 20, ...props });
  const jobs = data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div>
      <ul>
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
      <p data-testid="count">{data ? `${jobs.length} jobs, ${hasNextPage ? "more" : "no more"}` : "loading"}</p>
      <button type="button" disabled={!hasNextPage || isFetchingNextPage} onClick={() => fetchNextPage()}>
        Load more
      </button>
    </div>
  );
}

function JobRow({ job }: { job: Job }) {
  const cancel = useJobsMutation("cancel");
  const retry = useJobsMutation("retry");
  return (
    <li data-testid={job.id}>
      {`${job.status} ${job.info ?? ""}`.trim()}
      <button type="button" onClick={() => cancel.mutate({ jobId: job.id, details: { info: "Stopped by a user" } })}>
        Cancel
      </button>
      <button type="button" onClick={() => retry.mutate({ jobId: job.id })}>
        Retry
      </button>
      {cancel.error ? <span data-testid="error">{cancel.error.message}</span> : null}
      {cancel.isSuccess || retry.isSuccess ? <span data-testid="done">done</span> : null}
    </li>
  );
}

function Detail({ jobId }: { jobId: string }) {
  const { data } = useJob(jobId, { poll: false });
  return <p data-testid="detail">{data ? `${data.status} ${data.info ?? ""}`.trim() : "loading"}</p>;
}

function Watch({ jobId, onError }: { jobId: string; onError: (error: unknown) => void }) {
  const { data } = useJob(jobId, { poll: { interval: 50, maxInterval: 100 } });
  const cancel = useJobsMutation("cancel");
  if (cancel.error) onError(cancel.error);
  return (
    <div>
      <p data-testid="watched">{data?.status ?? "loading"}</p>
      <button type="button" onClick={() => cancel.mutate({ jobId })}>
        Cancel it
      </button>
    </div>
  );
}

function Create({ environmentId }: { environmentId: string }) {
  const create = useJobsMutation("create");
  return (
    <button
      type="button"
      onClick={() => create.mutate({ type: "file", operation: "extract", source: "us_fl_new", environmentId })}
    >
      Create
    </button>
  );
}

it("loads page after page to the end", async () => {
  const spaceId = "us_sp_pages";
  const seeded = await simulator.seed(Array.from({ length: 7 }, () => ({ spaceId })));
  const { screen } = await renderWithJobs(<JobList spaceId={spaceId} pageSize={3} />);
  const more = screen.getByRole("button", { name: "Load more" });
  await expect.element(screen.getByTestId("count")).toHaveTextContent("3 jobs, more");
  await more.click();
  await expect.element(screen.getByTestId("count")).toHaveTextContent("6 jobs, more");
  await more.click();
  await expect.element(screen.getByTestId("count")).toHaveTextContent("7 jobs, no more");
  await expect.element(more).toBeDisabled();
  const ids = [...screen.container.querySelectorAll("li")].map((li) => li.dataset.testid);
  expect(ids).toEqual(seeded.map((job) => job.id));
  expect(await listPages(spaceId)).toEqual(["1", "2", "3"]);
});

it("cancel updates the job everywhere it is shown and refreshes the list", async () => {
  const spaceId = "us_sp_cancel";
  const [target, other] = await simulator.seed([
    { spaceId, status: "executing", progress: 40 },
    { spaceId, status: "executing", progress: 10 },
  ]);
  const targetId = (target as Job).id;
  const otherId = (other as Job).id;
  const { screen } = await renderWithJobs(
    <>
      <JobList spaceId={spaceId} />
      <Detail jobId={targetId} />
    </>,
  );
  await expect.element(screen.getByTestId(targetId)).toHaveTextContent("executing");
  await expect.element(screen.getByTestId("detail")).toHaveTextContent("executing");
  // Another user changes the other job: only a refetch of the list can show it.
  await simulator.update(otherId, { info: "Changed elsewhere" });
  const before = (await listPages(spaceId)).length;

  await screen.getByTestId(targetId).getByRole("button", { name: "Cancel" }).click();
  await expect.element(screen.getByTestId(targetId).getByTestId("done")).toBeVisible();
  await expect.element(screen.getByTestId(targetId)).toHaveTextContent("canceled Stopped by a user");
  await expect.element(screen.getByTestId("detail")).toHaveTextContent("canceled Stopped by a user");
  await expect.element(screen.getByTestId(otherId)).toHaveTextContent("executing Changed elsewhere");
  expect((await listPages(spaceId)).length).toBe(before + 1);
  expect((await simulator.job(targetId))?.status).toBe("canceled");
});

it("a refused action is a typed error, and retry brings a job back to polling", async () => {
  const spaceId = "us_sp_retry";
  const [job] = await simulator.seed([{ spaceId, status: "complete", progress: 100 }]);
  const id = (job as Job).id;
  let error: unknown;
  const { screen } = await renderWithJobs(
    <>
      <JobList spaceId={spaceId} />
      <Watch
        jobId={id}
        onError={(e) => {
          error = e;
        }}
      />
    </>,
  );
  await expect.element(screen.getByTestId("watched")).toHaveTextContent("complete");
  await screen.getByRole("button", { name: "Cancel it" }).click();
  // The simulator refuses to cancel a finished job (400 with the API's Errors body).
  await expect.poll(() => error).toBeInstanceOf(BadRequestError);
  expect((error as BadRequestError).status).toBe(400);
  expect(screen.getByTestId("watched").element().textContent).toBe("complete");

  await simulator.update(id, { status: "failed", info: "Sheet is locked" });
  await screen.getByTestId(id).getByRole("button", { name: "Retry" }).click();
  await expect.element(screen.getByTestId(id).getByTestId("done")).toBeVisible();
  // Retried: ready again, so useJob polls again and follows it to its new end.
  await simulator.script(
    id,
    [
      { status: "executing", progress: 50 },
      { status: "complete", progress: 100 },
    ],
    200,
  );
  await expect.element(screen.getByTestId("watched"), { timeout: 10_000 }).toHaveTextContent("complete");
  expect((await simulator.requests()).filter((r) => r.path === `/v1/jobs/${id}/retry`)).toHaveLength(1);
});

it("create adds the job to the lists that may show it", async () => {
  const environmentId = "us_env_create";
  const { screen } = await renderWithJobs(
    <>
      <JobList environmentId={environmentId} />
      <Create environmentId={environmentId} />
    </>,
  );
  await expect.element(screen.getByTestId("count")).toHaveTextContent("0 jobs, no more");
  await screen.getByRole("button", { name: "Create" }).click();
  await expect.element(screen.getByTestId("count")).toHaveTextContent("1 jobs, no more");
});

function Follow({ jobId, enabled }: { jobId: string; enabled?: boolean }) {
  const { data } = useJob(jobId, { poll: { interval: 50, maxInterval: 100 }, enabled });
  return <p data-testid={`follow-${jobId}`}>{data?.status ?? "nothing"}</p>;
}

it("a job useJob follows is kept up to date in the lists too, without refetching them", async () => {
  const spaceId = "us_sp_follow";
  const [followed, idle] = await simulator.seed([
    { spaceId, status: "executing", progress: 10 },
    { spaceId, status: "executing", progress: 10 },
  ]);
  const followedId = (followed as Job).id;
  const idleId = (idle as Job).id;
  const { screen } = await renderWithJobs(
    <>
      <JobList spaceId={spaceId} />
      <Follow jobId={followedId} />
      <Follow jobId={idleId} enabled={false} />
    </>,
  );
  await expect.element(screen.getByTestId(followedId)).toHaveTextContent("executing");
  const lists = (await listPages(spaceId)).length;
  await simulator.script(followedId, [{ status: "complete", progress: 100, info: "Done" }], 50);
  await expect.element(screen.getByTestId(followedId), { timeout: 10_000 }).toHaveTextContent("complete Done");
  expect((await listPages(spaceId)).length).toBe(lists);
  // enabled: false sends nothing for its job.
  expect(screen.getByTestId(`follow-${idleId}`).element().textContent).toBe("nothing");
  expect((await simulator.requests()).filter((r) => r.path === `/v1/jobs/${idleId}`)).toHaveLength(0);
});
