import type { JobsClient } from "../src/index.js";

const JOB = "us_jb_7Hq2xK9d";
const plan = {
  jobId: JOB,
  fileId: "us_fl_Qw83JkLp",
  fieldMapping: [
    {
      sourceField: { type: "string" as const, key: "first_name", label: "First name" },
      destinationField: { type: "string" as const, key: "firstName", label: "First Name" },
      preview: ["Ada", "Grace"],
    },
  ],
  unmappedSourceFields: [{ sourceField: { type: "string" as const, key: "nickname" } }],
  unmappedDestinationFields: [{ destinationField: { type: "string" as const, key: "email", label: "Email" } }],
};

/** One realistic call of each of the 17 operations, keyed by operationId. */
export function callsOf(client: JobsClient) {
  const { jobs } = client;
  return {
    list: () =>
      jobs.list({
        environmentId: "us_env_Rk29sLm4",
        pageSize: 10,
        pageNumber: 1,
        sortDirection: "desc",
        excludeChildJobs: true,
      }),
    create: () =>
      jobs.create({
        type: "workbook",
        operation: "submitAction",
        source: "us_wb_N4pX8sQe",
        trigger: "manual",
        mode: "foreground",
      }),
    get: () => jobs.get(JOB),
    update: () => jobs.update(JOB, { status: "executing", progress: 60, info: "Halfway there", config: {} }),
    delete: () => jobs.delete(JOB),
    execute: () => jobs.execute(JOB),
    getExecutionPlan: () => jobs.getExecutionPlan(JOB),
    updateExecutionPlan: () => jobs.updateExecutionPlan(JOB, plan),
    updateExecutionPlanFields: () =>
      jobs.updateExecutionPlanFields(JOB, { jobId: JOB, fileId: plan.fileId, programId: "prog_1" }),
    ack: () =>
      jobs.ack(JOB, { info: "Validating records", progress: 10, estimatedCompletionAt: "2026-03-09T14:30:00.000Z" }),
    ackOutcome: () => jobs.ackOutcome(JOB),
    complete: () =>
      jobs.complete(JOB, {
        info: "Submitted 142 records",
        outcome: {
          acknowledge: true,
          heading: "Submitted",
          message: "Done",
          next: { type: "id", id: "us_jb_3Fn8wQ2r" },
        },
      }),
    fail: () =>
      jobs.fail(JOB, { info: "Upstream rejected the batch", outcome: { heading: "Failed", message: "Try again" } }),
    cancel: () => jobs.cancel(JOB, { info: "Canceled by the user" }),
    retry: () => jobs.retry(JOB),
    previewMutation: () =>
      jobs.previewMutation({
        sheetId: "us_sh_Hq7Lw2Pz",
        mutateRecord: "(record) => { record.set('name', 'x'); return record; }",
        filter: "valid",
      }),
    split: () => jobs.split(JOB, { parts: 4, runInParallel: true }),
  } satisfies Record<string, () => Promise<unknown>>;
}
