import { type Job, type JobConfig, type JobExecutionPlan, jobEnding, type ListJobsQuery } from "@flatfile-jobs/core";

/** A failure the HTTP layer turns into the API's `Errors` body. */
export class SimulatorError extends Error {
  constructor(
    readonly status: 400 | 404 | 413,
    message: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

/** Whether a job has ended (its status is one of core's `TERMINAL_JOB_STATUSES`): nothing but retry moves it. */
export const hasEnded = (job: Pick<Job, "status">): boolean => jobEnding(job.status) !== undefined;
const EMPTY_PLAN: JobExecutionPlan = { fieldMapping: [], unmappedSourceFields: [], unmappedDestinationFields: [] };

/**
 * The simulator's state: jobs in creation order, their plans, and the rules of a job's lifecycle
 * (created → ready/executing → complete/failed/canceled; retry brings a failed or canceled job back to ready).
 */
export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly plans = new Map<string, JobExecutionPlan>();
  private sequence = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  all(): Job[] {
    return [...this.jobs.values()];
  }

  /** The job, or a 404 that names it. */
  get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new SimulatorError(404, `Job ${jobId} not found`, "jobId");
    return job;
  }

  create(config: JobConfig & Partial<Job>): Job {
    this.sequence += 1;
    const at = this.timestamp();
    const job: Job = {
      ...config,
      id: config.id ?? `us_jb_${this.sequence.toString(36).padStart(8, "0")}`,
      createdBy: config.createdBy ?? "us_usr_simulator",
      createdAt: config.createdAt ?? at,
      updatedAt: config.updatedAt ?? at,
      status: config.status ?? (config.trigger === "immediate" ? "ready" : "created"),
      progress: config.progress ?? 0,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** Applies a change to a job and stamps `updatedAt`. */
  patch(jobId: string, change: Partial<Job>): Job {
    const job = this.get(jobId);
    Object.assign(job, change, { updatedAt: this.timestamp() });
    return job;
  }

  delete(jobId: string): void {
    this.get(jobId);
    this.jobs.delete(jobId);
    this.plans.delete(jobId);
  }

  execute(jobId: string): Job {
    this.ensureRunning(jobId, "execute");
    return this.patch(jobId, { status: "executing", startedAt: this.get(jobId).startedAt ?? this.timestamp() });
  }

  ack(jobId: string, details: { info?: string; progress?: number; estimatedCompletionAt?: string } = {}): Job {
    this.ensureRunning(jobId, "acknowledge");
    const job = this.get(jobId);
    const { estimatedCompletionAt: _ignored, ...change } = details;
    return this.patch(jobId, { status: "executing", startedAt: job.startedAt ?? this.timestamp(), ...change });
  }

  finish(jobId: string, status: "complete" | "failed", details: { info?: string; outcome?: object } = {}): Job {
    this.ensureRunning(jobId, status === "complete" ? "complete" : "fail");
    return this.patch(jobId, {
      status,
      ...(status === "complete" ? { progress: 100 } : {}),
      finishedAt: this.timestamp(),
      ...(details.info === undefined ? {} : { info: details.info }),
      ...(details.outcome === undefined ? {} : { outcome: { ...details.outcome } }),
    });
  }

  cancel(jobId: string, details: { info?: string } = {}): Job {
    this.ensureRunning(jobId, "cancel");
    return this.patch(jobId, { status: "canceled", finishedAt: this.timestamp(), ...details });
  }

  retry(jobId: string): Job {
    const job = this.get(jobId);
    if (job.status !== "failed" && job.status !== "canceled") {
      throw new SimulatorError(400, `Job ${jobId} is ${job.status}; only a failed or canceled job can be retried`);
    }
    const { finishedAt: _f, startedAt: _s, outcome: _o, ...rest } = job;
    this.jobs.set(jobId, { ...rest, status: "ready", progress: 0, updatedAt: this.timestamp() });
    return this.get(jobId);
  }

  ackOutcome(jobId: string): Job {
    return this.patch(jobId, { outcomeAcknowledgedAt: this.timestamp() });
  }

  /** Creates the part jobs (`parentId`, `part`, `partData`) and returns the parent. */
  split(jobId: string, details: { parts: number | Array<Record<string, unknown>>; runInParallel?: boolean }): Job {
    const parent = this.get(jobId);
    const parts = typeof details.parts === "number" ? Array.from({ length: details.parts }, () => ({})) : details.parts;
    if (parts.length < 1) throw new SimulatorError(400, "parts must be at least 1", "parts");
    parts.forEach((partData, index) => {
      const { id: _id, status: _st, progress: _p, outcome: _o, info: _i, ...config } = parent;
      const { createdAt: _c, updatedAt: _u, startedAt: _sa, finishedAt: _fa, ...inherited } = config;
      this.create({ ...inherited, parentId: jobId, part: index + 1, partData });
    });
    return this.patch(jobId, { partExecution: details.runInParallel ? "parallel" : "sequential" });
  }

  plan(jobId: string): JobExecutionPlan {
    this.get(jobId);
    return this.plans.get(jobId) ?? EMPTY_PLAN;
  }

  setPlan(jobId: string, plan: Partial<JobExecutionPlan>, replace: boolean): JobExecutionPlan {
    const next = { ...(replace ? EMPTY_PLAN : this.plan(jobId)), ...plan };
    this.plans.set(jobId, next);
    this.patch(jobId, {});
    return next;
  }

  /** Filters, sorts (by creation) and pages like `GET /jobs`. */
  list(query: ListJobsQuery): {
    data: Job[];
    pagination: { currentPage: number; pageCount: number; totalCount: number };
  } {
    const matching = this.all().filter(
      (job) =>
        (query.environmentId === undefined || job.environmentId === query.environmentId) &&
        (query.spaceId === undefined || job.spaceId === query.spaceId) &&
        (query.workbookId === undefined || job.source === query.workbookId || job.destination === query.workbookId) &&
        (query.fileId === undefined || job.fileId === query.fileId) &&
        (query.source === undefined || job.source === query.source) &&
        (query.parentId === undefined ? !(query.excludeChildJobs && job.parentId) : job.parentId === query.parentId),
    );
    if (query.sortDirection === "desc") matching.reverse();
    const pageSize = query.pageSize ?? 20;
    const currentPage = query.pageNumber ?? 1;
    if (pageSize < 1 || currentPage < 1) throw new SimulatorError(400, "pageSize and pageNumber must be at least 1");
    const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
    const data = matching.slice((currentPage - 1) * pageSize, currentPage * pageSize);
    return { data, pagination: { currentPage, pageCount, totalCount: matching.length } };
  }

  private ensureRunning(jobId: string, action: string): void {
    const job = this.get(jobId);
    if (hasEnded(job)) throw new SimulatorError(400, `Job ${jobId} is ${job.status} and cannot ${action}`);
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}
