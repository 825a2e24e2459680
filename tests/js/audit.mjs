// Runs graphql-http's GraphQL-over-HTTP server audit against a URL and prints the results as JSON:
// [{ id, name, status: "ok" | "warn" | "error", reason? }]. Exit code 0 whatever the results (the caller
// judges them); 2 for bad usage or a crash of the audit itself.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <url>');
  process.exit(2);
}

const results = [];
// One at a time, so the server under test is not flooded and the output order is stable.
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    name: result.name,
    status: result.status,
    ...(result.status === 'ok' ? {} : { reason: result.reason }),
  });
}
console.log(JSON.stringify(results, null, 2));
