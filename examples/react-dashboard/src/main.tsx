// The dashboard's entry: the query string chooses the API, the token and the space (see settings.ts); the Jobs
// client and TanStack's QueryClient are made once, here, and given to every component below.
import { createJobsClient } from "@flatfile-jobs/browser";
import { JobsClientProvider } from "@flatfile-jobs/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Dashboard } from "./Dashboard";
import { Refused } from "./Refused";
import { readSettings } from "./settings";
import "./style.css";

function start(): ReactNode {
  try {
    const { baseUrl, token, spaceId } = readSettings(location.search, location.href);
    const client = createJobsClient({ token, baseUrl });
    return (
      <QueryClientProvider client={new QueryClient()}>
        <JobsClientProvider client={client}>
          <Dashboard spaceId={spaceId} />
        </JobsClientProvider>
      </QueryClientProvider>
    );
  } catch (error) {
    // A secret key (sk_…) or a malformed ?api= is refused before any request: the page says why.
    return <Refused message={error instanceof Error ? error.message : String(error)} />;
  }
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(<StrictMode>{start()}</StrictMode>);
