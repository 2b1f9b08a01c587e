// The job every suite sends and receives: a realistic Job as the API returns it (the fields a running
// delete-records job has), valid against this project's spec and against @flatfile/api's response schema, which
// that SDK checks on every response.

/** The id of the job the per-call suites ask for. */
export const JOB_ID = "us_jb_7Zk2mQ4x";
export const TOKEN = "sk_bench_0123456789abcdef";

/** Job number `i` (its id is `JOB_ID` for 0), as a plain object. */
export function makeJob(i: number) {
  const id = i === 0 ? JOB_ID : `us_jb_${i.toString(36).padStart(8, "0")}`;
  return {
    id,
    type: "workbook",
    operation: "delete-records",
    source: "us_wb_5fG6hJ7k",
    config: { sheet: "us_sh_1qW2eR3t", filter: "error", exceptions: ["us_rc_a1b2c3d4", "us_rc_e5f6g7h8"] },
    trigger: "immediate",
    status: "executing",
    progress: 40,
    mode: "foreground",
    subject: { type: "resource", id: "us_wb_5fG6hJ7k" },
    input: { reason: "Remove the rows that failed validation" },
    info: "Deleting 1,204 records",
    managed: true,
    environmentId: "us_env_4rT5yU6i",
    spaceId: "us_sp_8oP9aS0d",
    createdBy: "us_usr_9aB3cD4e",
    createdAt: "2026-11-30T08:59:12.345Z",
    updatedAt: "2026-11-30T09:00:03.210Z",
    startedAt: "2026-11-30T08:59:13.001Z",
    metadata: { requestedFrom: "sheet-toolbar" },
  };
}

/** `GET /jobs/{JOB_ID}`'s 200 body, as text. */
export const JOB_BODY = JSON.stringify({ data: makeJob(0) });
