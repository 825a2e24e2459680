// Drives Debian's Chromium (headless) through the pages the API serves and prints what it saw as one JSON object.
//   node browser.mjs map <base-url> <artifacts-dir> [now]       the needs map: boundaries, cells, needs, filters, panels, a live need
//   node browser.mjs graphiql <base-url> <artifacts-dir>        GraphiQL on /graphql: docs, a query, a subscription
// [now] fixes the page's clock (ISO 8601), so time windows select the same needs on any day the tests run.
// Screenshots go to <artifacts-dir>/*.png. Exit code 0 when the scenario ran to the end (the .NET test judges it).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [scenario, baseUrl, artifacts, now] = process.argv.slice(2);
const JIMINGSHAN = '330782002005';
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
  // Warnings and a scene with a verdict, made through the API as a city administrator would, before the page opens.
  const lastDay = now ? now.slice(0, 10) : new Date().toISOString().slice(0, 10);
  report.setup = await prepareWarningsAndScene(lastDay);

  const tiles = trackTiles(page);
  // The page uses the schema it was built for: it never asks the server what the schema holds.
  const introspections = [];
  page.on('request', (request) => request.url().startsWith(`${baseUrl}/graphql`) && /__schema|__type\b/.test(request.postData() ?? '')
    && introspections.push(request.postData()));
  const started = Date.now();
  await page.goto(`${baseUrl}/map`, { waitUntil: 'load' });
  await settle(page);
  report.steps.load = { ms: Date.now() - started, ...(await mapFacts(page)), tiles: tiles.take(), title: await page.title(),
    heading: await page.textContent('h1'), introspections };
  await page.screenshot({ path: join(artifacts, 'map-city.png') });

  // 鸡鸣山社区 at close zoom: its needs are drawn one by one from the needs tiles.
  const focus = await page.evaluate((code) => window.needsMap.state.jurisdictionIndex.get(code).interiorPoint.coordinates, JIMINGSHAN);
  report.focus = focus;
  await moveTo(page, focus, 15);
  report.steps.jimingshan = { ...(await mapFacts(page)), tiles: tiles.take() };
  await page.screenshot({ path: join(artifacts, 'map-jimingshan.png') });

  // A filter changes the cells: the same view, everything and then noise only.
  await moveTo(page, focus, 14);
  tiles.take();
  report.steps.jimingshanArea = await mapFacts(page);
  await page.selectOption('#f-category', 'noise');
  await settle(page);
  report.steps.noiseOnly = { ...(await mapFacts(page)), tiles: tiles.take() };
  // The noise cluster of 鸡鸣山, framed: night-time construction noise around the community (dashed: the scene).
  await page.screenshot({ path: join(artifacts, 'map-jimingshan-noise.png') });
  await page.selectOption('#f-category', '');
  await settle(page);
  report.steps.unfiltered = { ...(await mapFacts(page)), tiles: tiles.take() };

  // A jurisdiction: the map frames 鸡鸣山社区, counts only its needs and asks for its cells only.
  await page.selectOption('#f-jurisdiction', JIMINGSHAN);
  await settle(page);
  report.steps.jurisdiction = { ...(await mapFacts(page)), tiles: tiles.take() };
  await page.screenshot({ path: join(artifacts, 'map-jurisdiction.png') });
  await page.selectOption('#f-jurisdiction', '');
  await settle(page);
  report.steps.city = { ...(await mapFacts(page)), tiles: tiles.take() };
  // A time window: the needs counted and the cells' window both narrow to the last 7 days.
  await page.selectOption('#f-window', '7');
  await settle(page);
  report.steps.window7 = { ...(await mapFacts(page)), tiles: tiles.take() };
  await page.selectOption('#f-window', '');
  await settle(page);

  // A scene's effect measured on request (difference in differences), explained in the panel.
  const measure = page.locator('#scenes-body .scene .measure').first();
  if (await measure.count()) {
    await measure.click();
    await page.waitForSelector('#scenes-body .scene .effect[data-verdict]', { timeout: 60000 });
    report.steps.sceneEffect = { text: await page.textContent('#scenes-body .scene .effect'),
      verdict: await page.getAttribute('#scenes-body .scene .effect', 'data-verdict') };
  }

  // The English interface from the same dictionary.
  await page.click('#lang');
  report.steps.english = { heading: await page.textContent('h1'), keyMattersHeading: await page.textContent('#key-matters h2'),
    scenes: await page.textContent('#scenes-body'), legend: await page.textContent('#legend') };
  await page.click('#lang');

  // A need submitted through the API reaches the open page over graphql-ws and pulses. The server's first event
  // pays for compiling its delivery path, so it is reported apart; the promise (2 s) is about the ones after it.
  await moveTo(page, focus, 14);
  await page.waitForFunction(() => window.needsMap.snapshot().liveStatus === 'connected', null, { timeout: 30000 });
  const first = await submitAndSee(page, `浏览器测试：第一条 ${Date.now()}`, focus);
  // The cells are asked for again once the burst is over, so the new need is counted in them.
  await page.waitForFunction(() => /[?&]v=\d+/.test(window.needsMap.snapshot().cellTileUrl ?? ''), null, { timeout: 15000 });
  await settle(page);
  report.steps.cellsAfterLive = { tiles: tiles.take().filter((t) => t.kind === 'cells' && t.v) };
  const text = `浏览器测试：工地半夜还在打桩 ${Date.now()}`;
  const { id, seenAfterMs, jurisdiction } = await submitAndSee(page, text, focus);
  await page.waitForFunction(() => document.querySelectorAll('.pulse').length > 0, null, { timeout: 10000 });
  await page.screenshot({ path: join(artifacts, 'map-live.png') });
  report.steps.live = {
    id, seenAfterMs, firstSeenAfterMs: first.seenAfterMs, jurisdiction,
    onMap: await page.evaluate((needId) => window.needsMap.state.needs.has(needId), id),
    listed: await page.textContent(`#live-list li[data-id="${id}"]`),
    pulsing: await page.evaluate(() => document.querySelectorAll('.pulse').length),
  };

  // A burst in a quiet village raises a demand warning, which reaches the open page over warningRaised.
  const village = await page.evaluate(() => window.needsMap.state.jurisdictionIndex.get('330782100263'));
  for (let i = 0; i < 8; i++) {
    await graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }`,
      { input: { text: `浏览器测试：村口道路积水，车辆无法通行 ${i}`, location: village.interiorPoint } });
  }
  const raised = (await graphql('mutation { detectWarnings }')).data.detectWarnings;
  await page.waitForFunction((name) => document.getElementById('warnings-body').textContent.includes(name), village.name, { timeout: 30000 });
  report.steps.warningLive = { village: village.name, raised, count: await page.evaluate(() => window.needsMap.snapshot().warnings),
    text: await page.textContent('#warnings-body'), fresh: await page.locator('#warnings-body .warning.fresh').count() };
  await page.screenshot({ path: join(artifacts, 'map-warning.png') });

}

async function submitAndSee(page, text, coordinates) {
  const submittedAt = Date.now();
  const submitted = await graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id jurisdiction { code } } }`,
    { input: { text, location: { type: 'Point', coordinates } } });
  const id = submitted.data.submitNeed.id;
  await page.waitForFunction((needId) => window.needsMap.snapshot().live.some((l) => l.id === needId)
    && document.querySelector(`#live-list li[data-id="${needId}"]`) !== null, id, { timeout: 30000, polling: 20 });
  return { id, seenAfterMs: Date.now() - submittedAt, jurisdiction: submitted.data.submitNeed.jurisdiction.code };
}

async function prepareWarningsAndScene(lastDay) {
  const detected = await graphql('mutation($d: DateOnly) { detectWarnings(lastDay: $d) }', { d: lastDay });
  const area = (await graphql('query($c: String!) { jurisdiction(code: $c) { boundary } }', { c: JIMINGSHAN })).data.jurisdiction.boundary;
  const scene = (await graphql(`mutation($input: CreateSceneInput!) { createScene(input: $input) { id } }`, {
    input: { name: '鸡鸣山夜间施工噪声管控', description: '22:00 后禁止打桩，城管夜间巡查', area, categoryCodes: ['noise'],
      startsAt: '2026-09-01T00:00:00Z' },
  })).data.createScene;
  const effect = (await graphql('mutation($id: ID!) { evaluateScene(id: $id) { verdict } }', { id: scene.id })).data.evaluateScene;
  return { warningsRaised: detected.data.detectWarnings, sceneId: scene.id, verdict: effect.verdict };
}

/** The tile requests the page makes and how they were answered, a step at a time. */
function trackTiles(page) {
  let seen = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    const match = url.pathname.match(/^\/tiles\/(cells|needs)\/(\d+)\/(\d+)\/(\d+)\.mvt$/);
    if (!match) return;
    seen.push({ kind: match[1], z: Number(match[2]), status: response.status(), where: url.searchParams.get('where'),
      days: url.searchParams.get('days'), lastDay: url.searchParams.get('lastDay'), v: url.searchParams.get('v') });
  });
  return { take: () => { const taken = seen; seen = []; return taken; } };
}

async function moveTo(page, center, zoom) {
  await page.evaluate(([c, z]) => window.needsMap.map.jumpTo({ center: c, zoom: z }), [center, zoom]);
  await settle(page);
}

/** Waits on conditions only: the page's loads and debounced refresh done, the map still, its tiles in, one frame drawn. */
async function settle(page) {
  await page.waitForFunction(() => {
    const needsMap = window.needsMap;
    if (!needsMap?.map) return false;
    const snapshot = needsMap.snapshot();
    const map = needsMap.map;
    return snapshot.ready && snapshot.idle && map.loaded() && map.areTilesLoaded() && !map.isMoving();
  }, null, { timeout: 120000, polling: 100 });
  await page.evaluate(() => new Promise((resolve) => {
    window.needsMap.map.once('idle', () => resolve());
    window.needsMap.map.triggerRepaint();
  }));
}

function mapFacts(page) {
  return page.evaluate(() => {
    const { map, state } = window.needsMap;
    const snapshot = window.needsMap.snapshot();
    const rendered = (layers) => (layers.every((l) => map.getLayer(l)) ? map.queryRenderedFeatures({ layers }) : []);
    const unique = (features) => [...new Map(features.map((f) => [f.properties.id, f])).values()];
    const cells = unique(rendered(['cells-fill']));
    const points = unique(rendered(['need-tile-points']));
    const weather = {};
    for (const cell of cells) weather[cell.properties.weather] = (weather[cell.properties.weather] ?? 0) + 1;
    const busiest = cells.reduce((best, f) => (f.properties.count > (best?.properties.count ?? -1) ? f : best), null);
    return {
      boundaries: snapshot.boundaries,
      needsTotal: snapshot.needsTotal,
      renderedStreetLines: rendered(['street-line']).length,
      renderedCommunities: rendered(['community-fill']).length,
      cells: cells.length,
      cellWeather: weather,
      cellCountSum: cells.reduce((sum, f) => sum + f.properties.count, 0),
      cellJurisdictions: [...new Set(cells.map((f) => f.properties.jurisdiction))].sort(),
      busiestCell: busiest && { id: busiest.properties.id, count: busiest.properties.count, jurisdiction: busiest.properties.jurisdiction,
        weather: busiest.properties.weather },
      needPoints: points.length,
      needPointCategories: [...new Set(points.map((f) => f.properties.category.split('.')[0]))].sort(),
      zoom: map.getZoom(),
      center: map.getCenter().toArray(),
      keyMattersPlace: snapshot.keyMattersPlace,
      keyMatters: [...document.querySelectorAll('#key-matters-list li')].map((li) => ({
        category: li.dataset.category, text: li.textContent })),
      warnings: document.getElementById('warnings-body').textContent,
      warningCount: snapshot.warnings,
      scenes: document.getElementById('scenes-body').textContent,
      sceneList: snapshot.scenes,
      legend: document.getElementById('legend').textContent,
      cellTileUrl: snapshot.cellTileUrl,
      shownCategories: [...state.categoryIndex.keys()].length,
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
  const subscribed = new Promise((resolve) => page.on('websocket', (socket) => socket.on('framesent', (frame) => {
    if (String(frame.payload).includes('"subscribe"')) resolve();
  })));
  await runInGraphiQL(page, 'subscription { needChanged { kind need { text } } }', null);
  // Bounded, so a subscription GraphiQL never sends fails this scenario with a reason instead of hanging the suite.
  await Promise.race([subscribed, new Promise((_, reject) => setTimeout(
    () => reject(new Error('GraphiQL sent no subscribe message within 60 s')), 60000))]);
  // The server may still be registering the subscription when the frame has left: submit until the pane shows one.
  let seen = false;
  for (let attempt = 0; attempt < 5 && !seen; attempt++) {
    await graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }`,
      { input: { text: marker, location: { type: 'Point', coordinates: [120.1105, 29.3011] } } });
    seen = await page.waitForFunction((m) => responseText().includes(m), marker, { timeout: 6000 }).then(() => true, () => false);
  }
  report.steps.subscription = { marker, response: await page.evaluate(() => responseText()) };
  await page.screenshot({ path: join(artifacts, 'graphiql-subscription.png') });
}

async function runInGraphiQL(page, query, done) {
  await page.evaluate(() => {
    window.responseText = () => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
  });
  await page.evaluate((q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(q), query);
  // GraphiQL parses the editor's text after a debounce and picks HTTP or WebSocket from that parse: run only once
  // it has parsed this text, or a busy machine runs the new text with the old document's transport.
  await page.waitForFunction((q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.documentAST?.loc?.source?.body === q,
    query, { timeout: 30000 });
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
