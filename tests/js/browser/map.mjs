// The needs map as the city administrator: boundaries, cells, needs, filters, panels, a live need and a live warning.
import { join } from 'node:path';
import { mapFacts, moveTo, settle, trackTiles } from './common.mjs';

export const JIMINGSHAN = '330782002005';

export async function mapScenario(page, { baseUrl, artifacts, now, report, api }) {
  if (now) await page.clock.setFixedTime(new Date(now));
  // Warnings and a scene with a verdict, made through the API as a city administrator would, before the page opens.
  const lastDay = now ? now.slice(0, 10) : new Date().toISOString().slice(0, 10);
  report.setup = await prepareWarningsAndScene(api, lastDay);

  const tiles = trackTiles(page);
  // The page uses the schema it was built for: it never asks the server what the schema holds.
  const introspections = [];
  page.on('request', (request) => request.url().startsWith(`${baseUrl}/graphql`) && /__schema|__type\b/.test(request.postData() ?? '')
    && introspections.push(request.postData()));
  const started = Date.now();
  // As the city administrator, signed in through the demo's persona link like any visitor.
  await page.goto(`${baseUrl}/map?persona=city_admin`, { waitUntil: 'load' });
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

  // A filter chosen while tiles are still coming (answers held back 400 ms): none of them may keep the old filter's needs.
  const slowTiles = async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await route.continue();
  };
  await page.route('**/tiles/**', slowTiles);
  await page.evaluate((c) => window.needsMap.map.jumpTo({ center: c, zoom: 13 }), focus);
  await page.waitForFunction(() => !window.needsMap.map.isSourceLoaded('need-tiles'), null, { polling: 'raf' });
  await page.selectOption('#f-category', 'noise');
  await settle(page);
  report.steps.noiseWhileLoading = { ...(await mapFacts(page)), tiles: tiles.take() };
  await page.unroute('**/tiles/**', slowTiles);
  await page.selectOption('#f-category', '');
  await moveTo(page, focus, 14);
  tiles.take();

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
  // The cells' address gains a version each time they are asked again after a change (a step above may have set one).
  const urlBefore = await page.evaluate(() => window.needsMap.snapshot().cellTileUrl);
  const versionBefore = Number(new URL(urlBefore).searchParams.get('v') ?? 0);
  const first = await submitAndSee(api, page, `浏览器测试：第一条 ${Date.now()}`, focus);
  // The cells are asked for again once the burst is over, so the new need is counted in them.
  await page.waitForFunction((before) => window.needsMap.snapshot().cellTileUrl !== before, urlBefore, { timeout: 15000 });
  await settle(page);
  report.steps.cellsAfterLive = { versionBefore, tiles: tiles.take().filter((t) => t.kind === 'cells' && Number(t.v) > versionBefore) };
  const text = `浏览器测试：工地半夜还在打桩 ${Date.now()}`;
  const { id, seenAfterMs, answeredAfterMs, jurisdiction } = await submitAndSee(api, page, text, focus);
  await page.waitForFunction(() => document.querySelectorAll('.pulse').length > 0, null, { timeout: 10000 });
  await page.screenshot({ path: join(artifacts, 'map-live.png') });
  report.steps.live = {
    id, seenAfterMs, answeredAfterMs, firstSeenAfterMs: first.seenAfterMs, jurisdiction,
    onMap: await page.evaluate((needId) => window.needsMap.state.needs.has(needId), id),
    listed: await page.textContent(`#live-list li[data-id="${id}"]`),
    pulsing: await page.evaluate(() => document.querySelectorAll('.pulse').length),
  };

  // A burst in a quiet village raises a demand warning, which reaches the open page over warningRaised.
  const village = await page.evaluate(() => window.needsMap.state.jurisdictionIndex.get('330782100263'));
  for (let i = 0; i < 8; i++) {
    await api.graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id } errors { __typename ... on Error { code message } } } }`,
      { input: { text: `浏览器测试：村口道路积水，车辆无法通行 ${i}`, location: village.interiorPoint } });
  }
  const raised = (await api.graphql('mutation { detectWarnings(input: {}) { warningsRaised errors { __typename ... on Error { code message } } } }')).data.detectWarnings.warningsRaised;
  await page.waitForFunction((name) => document.getElementById('warnings-body').textContent.includes(name), village.name, { timeout: 30000 });
  report.steps.warningLive = { village: village.name, raised, count: await page.evaluate(() => window.needsMap.snapshot().warnings),
    text: await page.textContent('#warnings-body'), fresh: await page.locator('#warnings-body .warning.fresh').count() };
  await page.screenshot({ path: join(artifacts, 'map-warning.png') });

}

async function submitAndSee(api, page, text, coordinates) {
  const submittedAt = Date.now();
  const submitted = await api.graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id jurisdiction { code } } errors { __typename ... on Error { code message } } } }`,
    { input: { text, location: { type: 'Point', coordinates } } });
  const id = submitted.data.submitNeed.need.id;
  const answeredAfterMs = Date.now() - submittedAt;
  await page.waitForFunction((needId) => window.needsMap.snapshot().live.some((l) => l.id === needId)
    && document.querySelector(`#live-list li[data-id="${needId}"]`) !== null, id, { timeout: 30000, polling: 20 });
  return { id, seenAfterMs: Date.now() - submittedAt, answeredAfterMs, jurisdiction: submitted.data.submitNeed.need.jurisdiction.code };
}

async function prepareWarningsAndScene(api, lastDay) {
  const detected = await api.graphql('mutation($d: DateOnly) { detectWarnings(input: { lastDay: $d }) { warningsRaised errors { __typename ... on Error { code message } } } }', { d: lastDay });
  const area = (await api.graphql('query($c: String!) { jurisdiction(code: $c) { boundary } }', { c: JIMINGSHAN })).data.jurisdiction.boundary;
  const scene = (await api.graphql(`mutation($input: CreateSceneInput!) { createScene(input: $input) { scene { id } errors { __typename ... on Error { code message } } } }`, {
    input: { name: '鸡鸣山夜间施工噪声管控', description: '22:00 后禁止打桩，城管夜间巡查', area, categoryCodes: ['noise'],
      startsAt: '2026-09-01T00:00:00Z' },
  })).data.createScene.scene;
  const effect = (await api.graphql('mutation($id: ID!) { evaluateScene(input: { id: $id }) { effect { verdict } errors { __typename ... on Error { code message } } } }', { id: scene.id })).data.evaluateScene.effect;
  return { warningsRaised: detected.data.detectWarnings.warningsRaised, sceneId: scene.id, verdict: effect.verdict };
}
