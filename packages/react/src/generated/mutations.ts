/**
 * Generated from openapi/openapi.yaml by `pnpm generate` (tools/src/codegen-react.ts).
 * The actions of `useJobsMutation`: every operation that changes a job and answers with it.
 * Do not edit: change the spec (openapi/overlay.yaml) and regenerate.
 */

import {
  createJob,
  updateJob,
  ackJob,
  ackJobOutcome,
  completeJob,
  failJob,
  cancelJob,
  retryJob,
  splitJob,
  type Job,
  type JobsCore,
  type JobConfig,
  type JobUpdate,
  type JobAckDetails,
  type JobCompleteDetails,
  type JobCancelDetails,
  type JobSplitDetails,
} from "@flatfile-jobs/core";

/**
 * What each action's `mutate` takes: the body itself when that is all the operation takes (`create`), else the
 * job's id and the operation's body as `details`. Apps use it and never implement it: an action added with a new
 * operation of the API is a minor release.
 *
 * @sealed
 */
export interface JobsMutationVariables {
  create: JobConfig;
  update: { jobId: string; details: JobUpdate };
  ack: { jobId: string; details?: JobAckDetails };
  ackOutcome: { jobId: string };
  complete: { jobId: string; details?: JobCompleteDetails };
  fail: { jobId: string; details?: JobCompleteDetails };
  cancel: { jobId: string; details?: JobCancelDetails };
  retry: { jobId: string };
  split: { jobId: string; details: JobSplitDetails };
}

/** How each action is sent: its operation function, with the variables spread into its arguments. */
export const SEND: {
  [A in keyof JobsMutationVariables]: (client: JobsCore, variables: JobsMutationVariables[A]) => Promise<{ data: Job }>;
} = {
  create: (client, body) => createJob(client, body),
  update: (client, v) => updateJob(client, v.jobId, v.details),
  ack: (client, v) => ackJob(client, v.jobId, v.details),
  ackOutcome: (client, v) => ackJobOutcome(client, v.jobId),
  complete: (client, v) => completeJob(client, v.jobId, v.details),
  fail: (client, v) => failJob(client, v.jobId, v.details),
  cancel: (client, v) => cancelJob(client, v.jobId, v.details),
  retry: (client, v) => retryJob(client, v.jobId),
  split: (client, v) => splitJob(client, v.jobId, v.details),
};
