import type { Job } from "@flatfile-jobs/browser";
import type { JobsSimulator } from "@flatfile-jobs/testing";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// `vite` (the dev server) also starts the Jobs simulator with demo jobs in space us_sp_demo and proxies /v1 to it,
// so the page calls the API on its own origin. `vite build` and `vite preview` start nothing.
export default defineConfig(async ({ command, isPreview }) => {
  if (command !== "serve" || isPreview) return { plugins: [react()] };
  // Loaded only here: a build or a preview does not load the simulator at all.
  const { startJobsSimulator } = await import("@flatfile-jobs/testing");
  const simulator = await startJobsSimulator();
  const stopWorker = startDemoWorker(simulator, seedDemo(simulator));
  return {
    plugins: [react(), demoApi(simulator, stopWorker)],
    server: { proxy: { "/v1": new URL(simulator.url).origin } },
  };
});

const DEMO_SPACE = "us_sp_demo";

/** How a running demo job moves on: progress points per second, and where (and why) it fails, if it does. */
interface Run {
  speed: number;
  failAt?: number;
  failure?: string;
}

/** The demo's jobs, in creation order (the list's order); eight of them, so page 2 has three. */
const DEMO_JOBS: Array<Partial<Job> & { run?: Run }> = [
  {
    type: "file",
    operation: "extract",
    status: "executing",
    progress: 35,
    info: "Reading contacts.csv",
    run: { speed: 4 },
  },
  {
    type: "workbook",
    operation: "map",
    status: "executing",
    progress: 10,
    info: "Mapping fields",
    run: { speed: 7, failAt: 60, failure: "Row 812: email is not a valid address" },
  },
  { type: "sheet", operation: "validate", status: "failed", progress: 40, info: "Sheet is locked" },
  { type: "workbook", operation: "export", status: "complete", progress: 100, info: "1,204 records exported" },
  {
    type: "file",
    operation: "extract",
    status: "ready",
    progress: 0,
    info: "Waiting for a worker",
    run: { speed: 10 },
  },
  { type: "space", operation: "configure", status: "created", progress: 0, info: "Not started: cancel it" },
  { type: "sheet", operation: "dedupe", status: "canceled", progress: 55, info: "Canceled by a user" },
  {
    type: "workbook",
    operation: "submit",
    status: "executing",
    progress: 70,
    info: "Writing records",
    run: { speed: 3 },
  },
];

/** Seeds the demo's jobs and returns how each running one moves on, by job id. */
function seedDemo(simulator: JobsSimulator): Map<string, Run> {
  const jobs = simulator.seed(DEMO_JOBS.map(({ run: _run, ...job }) => ({ ...job, spaceId: DEMO_SPACE })));
  return new Map(jobs.flatMap((job, i) => (DEMO_JOBS[i]?.run ? [[job.id, DEMO_JOBS[i].run]] : [])));
}

/**
 * Moves the demo's jobs on once a second, as a worker would: a `ready` job starts, an `executing` one gains
 * progress until it completes (or fails where its run says). It reads each job's status first, so a job canceled
 * from the page stays canceled, and one retried from the page (back to `ready`) runs again, to the end this time.
 * (`simulator.script` stops at a cancel, but a retried job would not run again.)
 */
function startDemoWorker(simulator: JobsSimulator, runs: Map<string, Run>): () => void {
  const timer = setInterval(() => {
    for (const job of simulator.jobs()) {
      if (job.spaceId !== DEMO_SPACE) continue;
      const run = runs.get(job.id) ?? { speed: 8 };
      if (job.status === "ready") {
        simulator.update(job.id, { status: "executing", progress: 0, info: "Starting" });
      } else if (job.status === "executing") {
        const progress = Math.min(100, (job.progress ?? 0) + run.speed);
        if (run.failAt !== undefined && progress >= run.failAt) {
          simulator.update(job.id, { status: "failed", info: run.failure ?? "Failed" });
          runs.set(job.id, { speed: run.speed });
        } else if (progress === 100) {
          simulator.update(job.id, {
            status: "complete",
            progress,
            info: `${(run.speed * 150).toLocaleString("en-US")} records`,
          });
        } else {
          simulator.update(job.id, { progress, info: `Processing records (${progress}%)` });
        }
      }
    }
  }, 1_000);
  return () => clearInterval(timer);
}

/** Prints where the simulator is, and stops it (and the worker) when the dev server closes. */
function demoApi(simulator: JobsSimulator, stopWorker: () => void): Plugin {
  return {
    name: "react-dashboard:jobs-simulator",
    apply: "serve",
    configureServer(server) {
      server.config.logger.info(
        `\n  Jobs simulator: ${simulator.url} (proxied at /v1 on this server), demo jobs in space ${DEMO_SPACE}\n`,
      );
      server.httpServer?.once("close", () => {
        stopWorker();
        void simulator.close();
      });
    },
  };
}
