// The jobs of one space, a page at a time: the rows loaded so far, a status line, and "Load more" while the API
// has more pages.
import { useJobs } from "@flatfile-jobs/react";
import { JobRow } from "./JobRow";
import { LoadMore } from "./LoadMore";

/** Jobs per page of `GET /jobs`. */
export const PAGE_SIZE = 5;

export function JobList({ spaceId }: { spaceId: string }) {
  const { data, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useJobs({ spaceId, pageSize: PAGE_SIZE });
  const jobs = data?.pages.flatMap((page) => page.data) ?? [];
  const total = data?.pages.at(-1)?.pagination?.totalCount ?? jobs.length;
  const summary = !data
    ? "Loading jobs…"
    : jobs.length === 0
      ? "No jobs in this space."
      : `${jobs.length} of ${total} jobs`;
  return (
    <section className="jobs">
      <p role="status" className={error ? "summary error" : "summary"}>
        {error ? error.message : summary}
      </p>
      {jobs.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Progress</th>
              <th scope="col">Info</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </tbody>
        </table>
      ) : null}
      {hasNextPage ? <LoadMore loading={isFetchingNextPage} onLoad={() => void fetchNextPage()} /> : null}
    </section>
  );
}
