// What the browser scenarios share: the API as a signed-in person (tokens from the demo's sign-in, the path every page
// uses), waiting for the map to be still, and what the map shows.

/** The API at `baseUrl`, asked as demo personas: each persona is signed in once through POST /demo/sign-in. */
export function createApi(baseUrl) {
  const tokens = new Map();

  async function signIn(persona) {
    if (!tokens.has(persona)) {
      const response = await fetch(`${baseUrl}/demo/sign-in`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(`sign-in as ${persona}: ${response.status} ${JSON.stringify(body)}`);
      tokens.set(persona, body.token ?? null);
    }
    return tokens.get(persona);
  }

  /** A GraphQL request as `persona` (the city administrator unless told); GraphQL errors throw. */
  async function graphql(query, variables, persona = 'city_admin') {
    const token = await signIn(persona);
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`${persona}: ${JSON.stringify(body.errors)}`);
    return body;
  }

  async function personas() {
    const response = await fetch(`${baseUrl}/demo/personas`);
    if (!response.ok) throw new Error(`/demo/personas: ${response.status} ${await response.text()}`);
    return response.json();
  }

  return { signIn, graphql, personas };
}

/** The tile requests the page makes and how they were answered, a step at a time. */
export function trackTiles(page) {
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

/** Every response the page got with a 4xx or 5xx status, a step at a time. */
export function trackRefusals(page) {
  let seen = [];
  page.on('response', (response) => {
    if (response.status() >= 400) seen.push({ url: response.url(), status: response.status(), method: response.request().method() });
  });
  return { take: () => { const taken = seen; seen = []; return taken; } };
}

export async function moveTo(page, center, zoom) {
  await page.evaluate(([c, z]) => window.needsMap.map.jumpTo({ center: c, zoom: z }), [center, zoom]);
  await settle(page);
}

/** Waits on conditions only: the page's loads and debounced refresh done, the map still, its tiles in, one frame drawn. */
export async function settle(page) {
  try {
    await page.waitForFunction(() => {
      const needsMap = window.needsMap;
      if (!needsMap?.map) return false;
      const snapshot = needsMap.snapshot();
      const map = needsMap.map;
      return snapshot.ready && snapshot.idle && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    }, null, { timeout: 120000, polling: 100 });
  } catch (error) {
    // Say which condition never came, and what the page knew, so a failure reads without a rerun.
    const state = await page.evaluate(() => {
      const needsMap = window.needsMap;
      if (!needsMap?.map) return { map: false };
      const { ready, idle, problems } = needsMap.snapshot();
      const map = needsMap.map;
      return { ready, idle, problems, loaded: map.loaded(), tilesLoaded: map.areTilesLoaded(), moving: map.isMoving() };
    }).catch((e) => ({ unreadable: String(e) }));
    throw new Error(`the page did not settle: ${JSON.stringify(state)}`, { cause: error });
  }
  await page.evaluate(() => new Promise((resolve) => {
    window.needsMap.map.once('idle', () => resolve());
    window.needsMap.map.triggerRepaint();
  }));
}

export function mapFacts(page) {
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
