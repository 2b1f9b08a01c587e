// What the simulator does for each operation of the spec (by its operationId): the change to the store and the 200
// body. An operation of the spec with no handler here (one Flatfile added, which the simulator has no semantics
// for yet) is answered 501 with an Errors body naming it: a status clients do not retry.
import type {
  Job,
  JobAckDetails,
  JobCancelDetails,
  JobCompleteDetails,
  JobConfig,
  JobExecutionPlan,
  JobSplitDetails,
  JobUpdate,
  ListJobsQuery,
} from "@flatfile-jobs/core";
import type { JobStore } from "./store.js";
import type { Operation } from "./validation.js";

export interface HandlerRequest {
  jobId: string;
  query: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: validated against the operation's request body schema
  body: any;
}

/** What each operation (by the spec's operationId) does to the store, and its 200 body. */
export const HANDLERS: Record<string, (store: JobStore, request: HandlerRequest) => unknown> = {
  list: (store, { query }) => store.list(query as ListJobsQuery),
  create: (store, { body }) => ({ data: store.create(body as JobConfig) }),
  get: (store, { jobId }) => ({ data: store.get(jobId) }),
  update: (store, { jobId, body }) => ({ data: store.patch(jobId, body as JobUpdate as Partial<Job>) }),
  delete: (store, { jobId }) => {
    store.delete(jobId);
    return { data: { success: true } };
  },
  execute: (store, { jobId }) => {
    store.execute(jobId);
    return { data: { success: true } };
  },
  getExecutionPlan: (store, { jobId }) => ({ data: { job: store.get(jobId), plan: store.plan(jobId) } }),
  updateExecutionPlan: (store, { jobId, body }) => plan(store, jobId, body, true),
  updateExecutionPlanFields: (store, { jobId, body }) => plan(store, jobId, body, false),
  ack: (store, { jobId, body }) => ({ data: store.ack(jobId, (body ?? {}) as JobAckDetails) }),
  ackOutcome: (store, { jobId }) => ({ data: store.ackOutcome(jobId) }),
  complete: (store, { jobId, body }) => ({ data: store.finish(jobId, "complete", (body ?? {}) as JobCompleteDetails) }),
  fail: (store, { jobId, body }) => ({ data: store.finish(jobId, "failed", (body ?? {}) as JobCompleteDetails) }),
  cancel: (store, { jobId, body }) => ({ data: store.cancel(jobId, (body ?? {}) as JobCancelDetails) }),
  retry: (store, { jobId }) => ({ data: store.retry(jobId) }),
  previewMutation: () => ({ data: [] }),
  split: (store, { jobId, body }) => ({ data: store.split(jobId, body as JobSplitDetails) }),
};

/** `PUT` (replace) or `PATCH` (merge) a plan; the body's `jobId` and `fileId` are not part of it. */
function plan(store: JobStore, jobId: string, body: Record<string, unknown>, replace: boolean) {
  const { jobId: _j, fileId: _f, ...fields } = body;
  return { data: { job: store.get(jobId), plan: store.setPlan(jobId, fields as Partial<JobExecutionPlan>, replace) } };
}

/** The answer to a request the spec accepts: the handler's 200, or 501 for an operation with no handler. */
export function respond(
  operation: Pick<Operation, "operationId" | "method" | "path">,
  store: JobStore,
  request: HandlerRequest,
): { status: number; body: unknown } {
  const handler = HANDLERS[operation.operationId];
  if (!handler) {
    const message =
      `The Jobs simulator does not implement ${operation.operationId} (${operation.method} ${operation.path}): ` +
      "the request is valid, but the simulator has no behaviour for this operation yet.";
    return { status: 501, body: { errors: [{ key: operation.operationId, message }] } };
  }
  return { status: 200, body: handler(store, request) };
}
