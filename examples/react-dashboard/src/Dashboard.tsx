// The page: a heading that names the space, and its jobs.
import { JobList } from "./JobList";

export function Dashboard({ spaceId }: { spaceId: string }) {
  return (
    <main>
      <header>
        <h1>Jobs</h1>
        <p className="space">
          Space <code>{spaceId}</code>
        </p>
      </header>
      <JobList spaceId={spaceId} />
    </main>
  );
}
