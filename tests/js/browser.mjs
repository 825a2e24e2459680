// Drives Debian's Chromium (headless) through the pages the API serves and prints what it saw as one JSON object.
//   node browser.mjs map <base-url> <artifacts-dir> [now]       the needs map: boundaries, needs, filters, a live need
//   node browser.mjs graphiql <base-url> <artifacts-dir>        GraphiQL on /graphql: docs, a query, a subscription
// [now] fixes the page's clock (ISO 8601), so time windows select the same needs on any day the tests run.
// Screenshots go to <artifacts-dir>/*.png. Exit code 0 when the scenario ran to the end (the .NET test judges it).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [scenario, baseUrl, artifacts, now] = process.argv.slice(2);
if (!scenario || !baseUrl || !artifacts) {
  console.error('usage: node browser.mjs map|graphiql <base-url> <artifacts-dir>');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'needsmap-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const report = { scenario, consoleErrors: [], steps: {} };
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => message.type() === 'error' && report.consoleErrors.push(message.text()));
  page.on('pageerror', (error) => report.consoleErrors.push(String(error)));
  if (scenario === 'map') await mapScenario(page);
  else if (scenario === 'graphiql') await graphiqlScenario(page);
  else throw new Error(`unknown scenario ${scenario}`);
  report.ok = true;
} catch (error) {
  report.ok = false;
  report.error = String(error?.stack ?? error);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));

async function mapScenario(page) {
  if (now) await page.clock.setFixedTime(new Date(now));
  const started = Date.now();
  await page.goto(`${baseUrl}/map`, { waitUntil: 'load' });
  await settle(page);
  report.steps.load = { ms: Date.now() - started, ...(await mapFacts(page)), title: await page.title(),
    heading: await page.textContent('h1') };
  await page.screenshot({ path: join(artifacts, 'map-city.png') });

  // 鸡鸣山社区 at close zoom: its needs are drawn one by one (and its night construction noise leads).
  await page.evaluate(() => window.needsMap.map.jumpTo({ center: [120.11, 29.30], zoom: 14 }));
  await settle(page);
  report.steps.jimingshan = await mapFacts(page);
  await page.screenshot({ path: join(artifacts, 'map-jimingshan.png') });
  await page.evaluate(() => window.needsMap.map.jumpTo({ center: [120.1, 29.3], zoom: 12 }));
  await settle(page);
  report.steps.jimingshanArea = await mapFacts(page);
  await page.screenshot({ path: join(artifacts, 'map-jimingshan-area.png') });

  // A filter: noise only, then back to everything. Noise gathers in 鸡鸣山 (lon 120.11, lat 29.30).
  await page.evaluate(() => window.needsMap.map.jumpTo({ center: [120.11, 29.30], zoom: 12 }));
  await page.selectOption('#f-category', 'noise');
  await settle(page);
  report.steps.noiseOnly = await mapFacts(page);
  await page.screenshot({ path: join(artifacts, 'map-jimingshan-noise.png') });
  await page.selectOption('#f-category', '');
  await settle(page);
  report.steps.unfiltered = await mapFacts(page);

  // A jurisdiction: the map frames 鸡鸣山社区 and counts only its needs; then a time window.
  await page.selectOption('#f-jurisdiction', '330782002005');
  await settle(page);
  report.steps.jurisdiction = await mapFacts(page);
  await page.screenshot({ path: join(artifacts, 'map-jurisdiction.png') });
  await page.selectOption('#f-jurisdiction', '');
  await settle(page);
  await page.selectOption('#f-window', '30');
  await settle(page);
  report.steps.window30 = await mapFacts(page);
  await page.selectOption('#f-window', '');
  await settle(page);

  // The English interface from the same dictionary.
  await page.click('#lang');
  report.steps.english = { heading: await page.textContent('h1'), keyMattersHeading: await page.textContent('#key-matters h2') };
  await page.click('#lang');

  // A need submitted through the API reaches the open page over graphql-ws and pulses.
  await page.waitForFunction(() => window.needsMap.snapshot().liveStatus === 'connected', null, { timeout: 15000 });
  const text = `浏览器测试：工地半夜还在打桩 ${Date.now()}`;
  const submittedAt = Date.now();
  const submitted = await graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id jurisdiction { code } } }`,
    { input: { text, location: { type: 'Point', coordinates: [120.1105, 29.3011] } } });
  const id = submitted.data.submitNeed.id;
  await page.waitForFunction((needId) => window.needsMap.snapshot().live.some((l) => l.id === needId)
    && document.querySelector(`#live-list li[data-id="${needId}"]`) !== null, id, { timeout: 10000, polling: 20 });
  const seenAfterMs = Date.now() - submittedAt;
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifacts, 'map-live.png') });
  report.steps.live = {
    id, seenAfterMs, jurisdiction: submitted.data.submitNeed.jurisdiction.code,
    onMap: await page.evaluate((needId) => window.needsMap.state.needs.has(needId), id),
    listed: await page.textContent(`#live-list li[data-id="${id}"]`),
    pulsing: await page.evaluate(() => window.needsMap.map.getSource('pulse').serialize().data.features.length),
  };
}

async function settle(page) {
  await page.waitForFunction(() => window.needsMap?.snapshot().ready && window.needsMap.snapshot().idle, null, { timeout: 60000, polling: 100 });
  await page.evaluate(() => new Promise((resolve) => {
    const map = window.needsMap.map;
    if (map.loaded() && !map.isMoving()) setTimeout(resolve, 100);
    else map.once('idle', () => resolve());
  }));
  // The view refresh is debounced after a move; wait until it has run and finished.
  await page.waitForTimeout(400);
  await page.waitForFunction(() => window.needsMap.snapshot().idle, null, { timeout: 60000, polling: 100 });
  await page.evaluate(() => new Promise((resolve) => window.needsMap.map.once('idle', resolve) && window.needsMap.map.triggerRepaint()));
}

function mapFacts(page) {
  return page.evaluate(() => {
    const { map, state } = window.needsMap;
    const snapshot = window.needsMap.snapshot();
    const rendered = (layers) => map.queryRenderedFeatures({ layers }).length;
    const clusters = map.queryRenderedFeatures({ layers: ['need-clusters'] });
    return {
      boundaries: snapshot.boundaries,
      needsTotal: snapshot.needsTotal,
      needsShown: snapshot.needsShown,
      shownTopCategories: [...new Set([...state.needs.values()].map((f) => f.properties.top))].sort(),
      renderedStreetLines: rendered(['street-line']),
      renderedCommunities: rendered(['community-fill']),
      renderedPoints: rendered(['need-points']),
      renderedClusters: clusters.length,
      largestCluster: clusters.reduce((best, f) => (f.properties.point_count > (best?.count ?? 0)
        ? { count: f.properties.point_count, at: f.geometry.coordinates } : best), null),
      zoom: map.getZoom(),
      center: map.getCenter().toArray(),
      keyMatters: [...document.querySelectorAll('#key-matters-list li')].map((li) => ({
        category: li.dataset.category, text: li.textContent })),
      warnings: document.getElementById('warnings-body').textContent,
      scenes: document.getElementById('scenes-body').textContent,
      layers: snapshot.layers,
      legend: document.getElementById('legend').textContent,
    };
  });
}

async function graphiqlScenario(page) {
  // A browser's own request: Accept prefers text/html and there is no query parameter.
  const response = await page.goto(`${baseUrl}/graphql`, { waitUntil: 'load' });
  report.steps.page = { status: response.status(), contentType: response.headers()['content-type'] };
  await page.waitForSelector('.graphiql-container', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror, null, { timeout: 30000 });

  // The schema docs: the explorer lists the root types.
  await page.click('[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 30000 });
  await page.waitForFunction(() => /Query/.test(document.querySelector('.graphiql-doc-explorer')?.textContent ?? ''), null, { timeout: 30000 });
  report.steps.docs = { text: (await page.textContent('.graphiql-doc-explorer')).slice(0, 400) };

  const query = '{ needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY, categoryLevel: TOP) { totalCount groups { key label count } } }';
  report.steps.query = await runInGraphiQL(page, query, (text) => text.includes('totalCount'));
  await page.screenshot({ path: join(artifacts, 'graphiql.png') });

  // A subscription over graphql-ws from GraphiQL: a need submitted through the API shows up in the response pane.
  const marker = `GraphiQL 订阅测试 ${Date.now()}`;
  await runInGraphiQL(page, 'subscription { needChanged { kind need { text } } }', null);
  await page.waitForTimeout(1000);
  await graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }`,
    { input: { text: marker, location: { type: 'Point', coordinates: [120.1105, 29.3011] } } });
  await page.waitForFunction((m) => responseText().includes(m), marker, { timeout: 15000 }).catch(() => {});
  report.steps.subscription = { marker, response: await page.evaluate(() => responseText()) };
  await page.screenshot({ path: join(artifacts, 'graphiql-subscription.png') });
}

async function runInGraphiQL(page, query, done) {
  await page.evaluate(() => {
    window.responseText = () => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
  });
  await page.evaluate((q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(q), query);
  await page.click('.graphiql-execute-button');
  if (!done) return null;
  await page.waitForFunction(() => /"(data|errors)"/.test(responseText()), null, { timeout: 30000 });
  const text = await page.evaluate(() => responseText());
  return { response: JSON.parse(text), matched: done(text) };
}

async function graphql(query, variables) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}
