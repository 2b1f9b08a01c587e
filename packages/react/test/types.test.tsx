// What the hooks' data, errors and variables are typed as. Checked by `tsc` (the package's typecheck); the one
// test below runs the same hooks for real, so that the file is also a test of what it declares.
import { type APIError, createJobsCore, type Job, type JobsError, type ListJobsResponse } from "@flatfile-jobs/browser";
import { type InfiniteData, QueryClient, useQuery } from "@tanstack/react-query";
import { expect, expectTypeOf, it } from "vitest";
import {
  type JobsMutationVariables,
  jobQueryOptions,
  jobsInfiniteQueryOptions,
  jobsKeys,
  jobsMutationOptions,
  useJob,
  useJobs,
  useJobsMutation,
} from "../src/index.js";
import { simulator } from "./commands.js";
import { renderWithJobs } from "./render.js";

function TypedHooks({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  expectTypeOf(job.data).toEqualTypeOf<Job | undefined>();
  expectTypeOf(job.error).toEqualTypeOf<JobsError | null>();
  if (job.error && "status" in job.error) expectTypeOf(job.error).toExtend<JobsError>();

  const jobs = useJobs({ spaceId: "us_sp_1" });
  expectTypeOf(jobs.data).toEqualTypeOf<InfiniteData<ListJobsResponse, number> | undefined>();
  expectTypeOf(jobs.error).toEqualTypeOf<JobsError | null>();

  const cancel = useJobsMutation("cancel");
  expectTypeOf(cancel.mutate).parameter(0).toEqualTypeOf<{ jobId: string; details?: { info?: string } }>();
  expectTypeOf(cancel.data).toEqualTypeOf<Job | undefined>();
  expectTypeOf(cancel.error).toEqualTypeOf<JobsError | null>();
  const create = useJobsMutation("create");
  expectTypeOf(create.mutate).parameter(0).toHaveProperty("operation").toEqualTypeOf<string>();
  expectTypeOf(useJobsMutation<"retry">)
    .returns.toHaveProperty("mutate")
    .parameter(0)
    .toEqualTypeOf<{
      jobId: string;
    }>();

  // The query options keep their types through TanStack's own hooks and the QueryClient.
  const selected = useQuery({
    ...jobQueryOptions(createJobsCore({ token: "pk_x" }), "us_jb_1"),
    select: (j) => j.progress,
  });
  expectTypeOf(selected.data).toEqualTypeOf<number | undefined>();
  return <p data-testid="typed">{job.data?.status ?? "loading"}</p>;
}

it("the typed hooks run, and the query keys type the cache", async () => {
  const [seeded] = await simulator.seed([{ status: "complete", progress: 100 }]);
  const client = createJobsCore({ token: "pk_x" });
  const queryClient = new QueryClient();
  expectTypeOf(queryClient.getQueryData(jobQueryOptions(client, "us_jb_1").queryKey)).toEqualTypeOf<Job | undefined>();
  expectTypeOf(queryClient.getQueryData(jobsInfiniteQueryOptions(client).queryKey)).toEqualTypeOf<
    InfiniteData<ListJobsResponse> | undefined
  >();
  expectTypeOf(jobsMutationOptions(client, queryClient, "fail").mutationFn)
    .parameter(0)
    .toEqualTypeOf<{
      jobId: string;
      details?: import("@flatfile-jobs/browser").JobCompleteDetails;
    }>();
  expectTypeOf<APIError>().toExtend<JobsError>();
  // @ts-expect-error: not an action of this package
  expectTypeOf<JobsMutationVariables["delete"]>();
  expect(jobsKeys.job(client, "us_jb_1")).toEqual(["flatfile-jobs", client.baseUrl, "job", "us_jb_1"]);

  const { screen } = await renderWithJobs(<TypedHooks jobId={(seeded as Job).id} />);
  await expect.element(screen.getByTestId("typed")).toHaveTextContent("complete");
});
