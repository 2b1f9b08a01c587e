// Counts the jobs of a space by status: `node report.js us_sp_123` (token and URL from FLATFILE_API_KEY and
// FLATFILE_API_URL). Plain CommonJS, with require().
const { createJobsClient, InvalidArgumentError } = require("@flatfile-jobs/node");

/** The number of jobs in each status, walking every page. */
async function countByStatus(spaceId, client = createJobsClient()) {
  const counts = {};
  for await (const job of client.jobs.iterate({ spaceId })) {
    const status = job.status ?? "unknown";
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

module.exports = { countByStatus };

if (require.main === module) {
  const spaceId = process.argv[2];
  const client = createJobsClient();
  countByStatus(spaceId, client)
    .then((counts) => console.log(JSON.stringify(counts)))
    .catch((error) => {
      console.error(error instanceof InvalidArgumentError ? `Usage error: ${error.message}` : error.message);
      process.exitCode = 1;
    })
    .finally(() => client.close());
}
