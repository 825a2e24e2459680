// Runs one GraphQL operation over graphql-transport-ws with the graphql-ws client and prints every event as
// one JSON line: {"type":"next","payload":...}, then {"type":"complete"} (exit 0), or {"type":"error",...}
// (exit 1). Schema-agnostic: the operation is an argument.
//
// With --take N it completes the operation itself after N events (for endless subscriptions).
//
// usage: node ws-roundtrip.mjs <ws-url> <query> [--variables JSON] [--init JSON] [--timeout MS] [--take N]
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    variables: { type: 'string' },
    init: { type: 'string' },
    timeout: { type: 'string', default: '30000' },
    take: { type: 'string' },
  },
});
const [url, query] = positionals;
if (!url || !query) {
  console.error('usage: node ws-roundtrip.mjs <ws-url> <query> [--variables JSON] [--init JSON] [--timeout MS] [--take N]');
  process.exit(2);
}

const print = (event) => console.log(JSON.stringify(event));

const timer = setTimeout(() => {
  print({ type: 'timeout', afterMs: Number(values.timeout) });
  process.exit(3);
}, Number(values.timeout));

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: values.init ? JSON.parse(values.init) : undefined,
});

let exitCode = 0;
try {
  const events = client.iterate({
    query,
    variables: values.variables ? JSON.parse(values.variables) : undefined,
  });
  const take = values.take ? Number(values.take) : Infinity;
  let received = 0;
  for await (const payload of events) {
    print({ type: 'next', payload });
    if (++received >= take) {
      break; // ends the iterator, which sends 'complete' for the operation
    }
  }
  print({ type: 'complete' });
} catch (error) {
  exitCode = 1;
  if (Array.isArray(error)) {
    print({ type: 'error', errors: error });
  } else if (error && typeof error === 'object' && 'code' in error) {
    print({ type: 'closed', code: error.code, reason: error.reason });
  } else {
    print({ type: 'failed', message: String(error?.message ?? error) });
  }
} finally {
  clearTimeout(timer);
  await client.dispose();
}
process.exit(exitCode);
