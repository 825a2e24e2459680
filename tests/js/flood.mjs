// A caller flooding the server from a process of its own (as an attacker would, from elsewhere), so that its own
// requests do not queue in the test's thread pool: `count` POSTs of one GraphQL query at once, `rounds` times.
// Prints "go <round> <epoch ms>" as a round starts and "done <round> <epoch ms> <status counts as JSON>" when every answer
// is in, so the test can tell which of its own requests overlapped a round.
// Usage: node flood.mjs <graphql url> <bearer token> <count> <rounds>, the query in FLOOD_QUERY.
const [url, token, count, rounds] = process.argv.slice(2);
const body = JSON.stringify({ query: process.env.FLOOD_QUERY });
const headers = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json',
  authorization: `Bearer ${token}`,
};

async function ask() {
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    let code = null;
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code ?? null;
    } catch {
      code = 'not-json';
    }
    return `${response.status} ${code ?? ''}`.trim();
  } catch (error) {
    return `failed ${error.cause?.code ?? error.message}`;
  }
}

for (let round = 0; round < Number(rounds); round++) {
  console.log(`go ${round} ${Date.now()}`);
  const answers = await Promise.all(Array.from({ length: Number(count) }, ask));
  const counts = {};
  for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
  console.log(`done ${round} ${Date.now()} ${JSON.stringify(counts)}`);
}
