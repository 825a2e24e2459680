// Read throughput of the map's lag-tolerant read mix (issue #18 item 5), the same for one database server and for a
// primary with a standby: the public's cells at three resolutions, a cells tile and key matters, each request with a
// different 30-day window (lastDay cycling over 366 days) so the answer cache (256 answers) mostly misses and the
// database is what is measured; the response cache is skipped (Cache-Control: no-cache, no-store).
// Each answer is hashed by request, so two runs can be compared: same answers or not.
//   node bench/replica/read-mix.mjs --url http://127.0.0.1:5223 --seconds 60 --concurrency 8 --out run.json [--compare other.json]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url ?? 'http://127.0.0.1:5223';
const seconds = Number(args.seconds ?? 60);
const concurrency = Number(args.concurrency ?? 8);

const firstDay = Date.UTC(2026, 0, 1);
const day = (i) => new Date(firstDay + (i % 366) * 86_400_000).toISOString().slice(0, 10);
// Yiwu's centre (120.07, 29.31) at zoom 11.
const tile = (z, lon, lat) => {
  const n = 2 ** z, r = lat * Math.PI / 180;
  return [z, Math.floor((lon + 180) / 360 * n), Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n)];
};
const [z, x, y] = tile(11, 120.07, 29.31);

function request(i) {
  const lastDay = day(Math.floor(i / 5));
  const gql = (query) => ({ key: `${i % 5}|${lastDay}`, method: 'POST', path: '/graphql', body: JSON.stringify({ query }) });
  switch (i % 5) {
    case 0: return gql(`{ cells(resolution: R500, window: { lastDay: "${lastDay}", days: 30 }) { id count weather } }`);
    case 1: return gql(`{ cells(resolution: R1000, window: { lastDay: "${lastDay}", days: 30 }) { id count weather } }`);
    case 2: return gql(`{ cells(resolution: R2500, window: { lastDay: "${lastDay}", days: 30 }) { id count weather } }`);
    case 3: return { key: `3|${lastDay}`, method: 'GET', path: `/tiles/cells/${z}/${x}/${y}.mvt?lastDay=${lastDay}&days=30` };
    default: return gql(`{ keyMatters(window: { lastDay: "${lastDay}", days: 30 }) { records cases categories { category { code } rank demandIndex } } }`);
  }
}

const hashes = {};
const latencies = [];
const statuses = {};
let next = 0, errors = 0;
const deadline = Date.now() + seconds * 1000;
const load = loadavg().map((l) => l.toFixed(2)).join(' ');

async function worker() {
  while (Date.now() < deadline) {
    const r = request(next++);
    const started = performance.now();
    try {
      const response = await fetch(url + r.path, {
        method: r.method, body: r.body,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'cache-control': 'no-cache, no-store' },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      latencies.push(performance.now() - started);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 200 || (r.method === 'POST' && JSON.parse(bytes.toString()).errors)) errors++;
      hashes[r.key] = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    } catch (e) {
      errors++;
      statuses.network = (statuses.network ?? 0) + 1;
    }
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
const result = {
  url, seconds: Number(elapsed.toFixed(1)), concurrency, requests: latencies.length, errors, statuses,
  requestsPerSecond: Number((latencies.length / elapsed).toFixed(1)), p50ms: pct(0.5), p95ms: pct(0.95), p99ms: pct(0.99),
  loadAverageAtStart: load, loadAverageAtEnd: loadavg().map((l) => l.toFixed(2)).join(' '), hashes,
};
if (args.compare) {
  const other = JSON.parse(readFileSync(args.compare, 'utf8')).hashes;
  const common = Object.keys(hashes).filter((k) => k in other);
  result.compared = { common: common.length, different: common.filter((k) => other[k] !== hashes[k]) };
}
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 1));
const { hashes: _, ...summary } = result;
console.log(JSON.stringify(summary, null, 1));
