// The simulator's controls as the tests in Chromium call them (defined in vitest.config.mts, run in Node).

import type { Job } from "@flatfile-jobs/core";
import type { JobStep, SimulatedRequest } from "@flatfile-jobs/testing";
import type { HeldRequest } from "@flatfile-jobs/tools/hold-server";
import { commands } from "vitest/browser";

type SeedJob = Partial<Job>;

declare module "vitest/browser" {
  interface BrowserCommands {
    seed(jobs: SeedJob[]): Promise<Job[]>;
    update(jobId: string, change: Partial<Job>): Promise<void>;
    script(jobId: string, steps: JobStep[], interval: number): Promise<void>;
    job(jobId: string): Promise<Job | null>;
    requests(): Promise<SimulatedRequest[]>;
    /** The requests the hold server got (see simulator-setup.ts). */
    held(): Promise<HeldRequest[]>;
  }
}

export const simulator = commands;

/** How many `GET /jobs/{jobId}` the simulator has answered for `jobId`. */
export async function polls(jobId: string): Promise<number> {
  return (await commands.requests()).filter((r) => r.method === "GET" && r.path.endsWith(`/jobs/${jobId}`)).length;
}
