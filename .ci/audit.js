// Runs graphql-http's GraphQL-over-HTTP audit against a running server
// (node .ci/audit.js URL) and fails on any MUST or SHOULD it does not meet.
// Notices (MAYs) are printed and allowed.
const { auditServer } = require('graphql-http');

(async () => {
  const url = process.argv[2];
  const results = await auditServer({ url, fetchFn: fetch });
  let failed = 0;
  for (const r of results) {
    if (r.status === 'ok') continue;
    console.log(`${r.status} ${r.id} ${r.name}: ${r.reason}`);
    if (r.status !== 'notice') failed++;
  }
  console.log(`${results.length} audits: ${results.filter((r) => r.status === 'ok').length} pass, ${failed} fail`);
  process.exit(failed ? 1 : 0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
