import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { authHeaders, gql, liveClient } from './api.js';
import { caller, startSession } from '../session/session.js';
import { containsPoint, loadBoundaries } from './boundaries.js';
import { createIdentity } from './identity.js';
import { lang, nameOf, setLang, t } from './i18n.js';
import { categoryColourExpression, categoryColours, weatherColourExpression, weatherColours } from './palette.js';
import { renderKeyMatters } from './keymatters.js';
import { explain, isRefusal, markPanel, problems, refusal } from './problems.js';
import { createScenes, verdictColours } from './scenes.js';
import { createWarnings } from './warnings.js';
import { createForesight } from './foresight.js';

const DAY = 86_400_000;
// Single needs come from the needs tiles from this zoom on; below it the cells carry the picture.
const NEEDS_MIN_ZOOM = 13;
// The weather compares a window with the windows before it: without a time filter, the last 30 days.
const DEFAULT_CELL_DAYS = 30;
// The public may see cells of 500 m and up, which the cell tiles serve up to zoom 12; closer, MapLibre enlarges those.
const PUBLIC_CELLS_MAX_ZOOM = 12;

const state = {
  config: {},
  demo: false,
  caller: caller(),
  weatherFailure: null,
  needsFailure: null,
  summaryFailures: { count: null, shading: null },
  categories: [],
  categoryIndex: new Map(),
  channels: [],
  city: null,
  jurisdictionIndex: new Map(),
  filter: readFilterFromUrl(),
  needs: new Map(),
  needsTotal: null,
  boundaries: 0,
  live: [],
  liveStatus: 'connecting',
  liveCloseCode: null,
  liveFailure: null,
  keyMattersPlace: null,
  tileVersion: 0,
  ready: false,
  loadsInFlight: 0,
  refreshPending: false,
};
let warnings;
let scenes;

// A small window into the page for the browser tests and for people debugging in the console.
window.needsMap = {
  state,
  get map() { return map; },
  snapshot: () => ({
    ready: state.ready,
    idle: state.loadsInFlight === 0 && !state.refreshPending,
    boundaries: state.boundaries,
    needsShown: state.needs.size,
    needsTotal: state.needsTotal,
    liveStatus: state.liveStatus,
    live: state.live.map((l) => ({ id: l.id, text: l.text, at: l.at })),
    keyMattersPlace: state.keyMattersPlace,
    cellTileUrl: cellTileUrl(),
    needTileUrl: needTileUrl(),
    warnings: warnings?.items.length ?? 0,
    scenes: scenes?.scenes.map((s) => ({ id: s.id, name: s.name, verdict: s.verdict })) ?? [],
    filter: { ...state.filter },
    lang: lang(),
    demo: state.demo,
    caller: { signedIn: state.caller.signedIn, role: state.caller.role, jurisdiction: state.caller.jurisdiction, persona: state.caller.persona?.id ?? null },
    // What each panel shows (data-state: filled, empty, refused, failed) and every refusal or failure explained.
    panels: Object.fromEntries([...document.querySelectorAll('[data-state]')].map((e) => [e.id, { state: e.dataset.state,
      text: e.textContent.replace(/\s+/g, ' ').trim().slice(0, 400) }])),
    problems: problems.map((p) => ({ ...p })),
  }),
};

let map;
let liveUnsubscribe = null;
let client = null;
let identity;

main().catch(showError);

async function main() {
  setLang(lang());
  applyTexts();
  document.getElementById('lang').addEventListener('click', () => {
    setLang(lang() === 'zh' ? 'en' : 'zh');
    applyTexts();
    fillFilters();
    renderLegend();
    identity?.render();
    refreshPanels();
  });

  state.config = await fetch('/map/config.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  state.demo = state.config.demo === true;
  // Signed in (or not) before anything else is asked, so every request, tile and socket carries the same token.
  let signInFailure = null;
  try {
    state.caller = await startSession({ demo: state.demo });
  } catch (error) {
    signInFailure = error;
    state.caller = caller();
  }
  identity = createIdentity({
    element: document.getElementById('identity'), demo: state.demo, caller: state.caller, signInFailure,
    jurisdictionName: (code) => state.jurisdictionIndex.get(code)?.name ?? code,
  });
  identity.render();
  const [reference, city] = await Promise.all([loadReference(), loadCity(), identity.start()]);
  state.categories = reference.categories;
  for (const top of reference.categories) {
    state.categoryIndex.set(top.code, top);
    for (const child of top.children) state.categoryIndex.set(child.code, child);
  }
  state.channels = reference.channels;
  if (!city) return;
  state.city = city;
  indexJurisdictions(state.city, null);
  identity.render();
  fillFilters();

  map = new maplibregl.Map({
    container: 'map',
    style: baseStyle(state.config),
    // Tile requests carry the same token as the GraphQL requests, so a signed-in role sees its own scope.
    transformRequest: (url) => (url.startsWith(`${location.origin}/tiles/`) ? { url, headers: authHeaders() } : { url }),
    bounds: boundsOf(state.city.boundary),
    fitBoundsOptions: { padding: 20 },
    attributionControl: { compact: true },
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  await new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', resolve)));

  addBoundaryLayers();
  addCellLayer();
  addSceneLayer();
  addNeedLayers();
  addStreetLabels();
  renderLegend();
  wireInteractions();

  const view = new URLSearchParams(location.search);
  if (view.get('center')) {
    const [lon, lat] = view.get('center').split(',').map(Number);
    map.jumpTo({ center: [lon, lat], zoom: Number(view.get('zoom') ?? 14) });
  } else if (state.filter.jurisdiction) {
    fitJurisdiction(state.filter.jurisdiction, false);
  } else if (state.jurisdictionIndex.has(state.caller.jurisdiction)) {
    // A street's or community's people start at home: their area framed, its key matters in the panel.
    map.fitBounds(boundsOf(state.jurisdictionIndex.get(state.caller.jurisdiction).boundary), { padding: 40, animate: false });
  }

  client = liveClient((status, event) => {
    state.liveStatus = status;
    state.liveCloseCode = event?.code ?? null;
    renderLiveStatus();
  });
  subscribeLive();
  renderLiveList();
  const lookup = { category: (code) => state.categoryIndex.get(code), jurisdiction: (code) => state.jurisdictionIndex.get(code) };
  warnings = createWarnings({ element: document.getElementById('warnings-body'), client, lookup });
  scenes = createScenes({ element: document.getElementById('scenes-body'), map });
  const foresight = createForesight({ map, after: document.getElementById('scenes') });
  window.needsMap.foresight = foresight;

  await Promise.all([refreshFilterWide(), refreshView(), tracked(() => warnings.load(state.filter.jurisdiction)), tracked(() => scenes.load()), tracked(() => foresight.load())]);
  const refreshSoon = debounce(refreshView, 250);
  map.on('moveend', () => {
    state.refreshPending = true;
    refreshSoon();
  });
  state.ready = true;
  document.body.dataset.ready = 'true';
}

/** Categories and channels for the filters; without them the page still draws, and says what failed. */
async function loadReference() {
  try {
    return await gql(`{ categories { code name nameEn children { code name nameEn } } channels { code name nameEn } }`);
  } catch (error) {
    document.getElementById('filters-note').textContent = explain('filters-note', error);
    return { categories: [], channels: [] };
  }
}

/** The city's tree from the boundaries route; without it there is no map to draw, and the page says why. */
async function loadCity() {
  try {
    return await loadBoundaries();
  } catch (error) {
    const element = document.getElementById('error');
    element.hidden = false;
    element.textContent = explain('error', error, t('boundariesFailed', { message: error.message }));
    return null;
  }
}

/** Single needs are records: the public sees the city's aggregates only, so the page never asks for them. */
function seesRecords() {
  return state.caller.signedIn;
}

/** The weather is everyone's: the public and residents (whose records are their own needs) see the public weather. */
function seesPublicWeather() {
  return !state.caller.signedIn || state.caller.role === 'resident';
}

// ---------- map style and layers ----------

function baseStyle(config) {
  if (config.basemapStyleUrl) return config.basemapStyleUrl;
  const style = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
  };
  if (config.basemapTileUrl) {
    style.sources.basemap = {
      type: 'raster', tiles: [config.basemapTileUrl], tileSize: 256, attribution: config.basemapAttribution ?? '',
    };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.8 } });
  }
  return style;
}

function addBoundaryLayers() {
  const streets = state.city.children;
  const communities = streets.flatMap((s) => s.children.map((c) => ({ ...c, street: s.code })));
  state.boundaries = 1 + streets.length + communities.length;
  map.addSource('communities', { type: 'geojson', data: collection(communities), promoteId: 'code' });
  map.addSource('streets', { type: 'geojson', data: collection(streets), promoteId: 'code' });
  map.addSource('city', { type: 'geojson', data: collection([state.city]) });
  map.addSource('selected', { type: 'geojson', data: collection([]) });
  map.addLayer({
    id: 'community-fill',
    type: 'fill',
    source: 'communities',
    paint: {
      'fill-color': ['interpolate', ['linear'], ['coalesce', ['feature-state', 'share'], 0],
        0, '#f0f4f8', 0.05, '#d1e3f8', 0.25, '#8fbce6', 0.5, '#4a8fd1', 1, '#0b4f9c'],
      'fill-opacity': 0.25,
    },
  });
  map.addLayer({ id: 'community-line', type: 'line', source: 'communities', minzoom: 10.5,
    paint: { 'line-color': '#9fb3c8', 'line-width': 0.6 } });
  map.addLayer({ id: 'street-line', type: 'line', source: 'streets', paint: { 'line-color': '#486581', 'line-width': 1.4 } });
  map.addLayer({ id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#102a43', 'line-width': 2.5 } });
  map.addLayer({ id: 'selected-line', type: 'line', source: 'selected', paint: { 'line-color': '#f0b429', 'line-width': 3 } });
}

function addCellLayer() {
  map.addSource('cells', { type: 'vector', tiles: [cellTileUrl()], minzoom: 0, maxzoom: seesPublicWeather() ? PUBLIC_CELLS_MAX_ZOOM : 16 });
  map.addLayer({
    id: 'cells-fill', type: 'fill', source: 'cells', 'source-layer': 'cells',
    paint: {
      'fill-color': weatherColourExpression(),
      // Strong at city zoom where the cells are the picture, light under the single needs at close zoom.
      'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.7, 15, 0.35],
      'fill-outline-color': 'rgba(255,255,255,0.5)',
    },
  }, 'community-line');
}

function addSceneLayer() {
  map.addSource('scenes', { type: 'geojson', data: collection([]) });
  const colour = ['match', ['get', 'verdict']];
  for (const [verdict, value] of Object.entries(verdictColours)) colour.push(verdict, value);
  colour.push('#9446ed');
  map.addLayer({ id: 'scene-line', type: 'line', source: 'scenes',
    paint: { 'line-color': colour, 'line-width': 2, 'line-dasharray': [3, 2] } });
}

/** The part of the filter the cells' rollups count by: category, channel and jurisdiction; time is the window. */
function cellWhere() {
  const result = {};
  if (state.filter.category) result.categoryIn = [state.filter.category];
  if (state.filter.channel) result.channelIn = [state.filter.channel];
  if (state.filter.jurisdiction) result.jurisdictionIn = [state.filter.jurisdiction];
  return result;
}

function cellWindow() {
  return { lastDay: cityToday(), days: state.filter.window ? Number(state.filter.window) : DEFAULT_CELL_DAYS };
}

/** Today in the city's time zone (the server's calendar), from the page's clock. */
function cityToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: state.config.timeZone ?? 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

function tileQuery(filter, extra = {}) {
  const query = new URLSearchParams();
  if (Object.keys(filter).length) query.set('where', JSON.stringify(filter));
  for (const [key, value] of Object.entries(extra)) query.set(key, String(value));
  // A new version after live changes, so MapLibre asks again instead of reusing the tiles it holds.
  if (state.tileVersion) query.set('v', String(state.tileVersion));
  return query.size ? `?${query}` : '';
}

function cellTileUrl() {
  const window = cellWindow();
  return `${location.origin}/tiles/cells/{z}/{x}/{y}.mvt${tileQuery(cellWhere(), { lastDay: window.lastDay, days: window.days })}`;
}

function needTileUrl() {
  return `${location.origin}/tiles/needs/{z}/{x}/{y}.mvt${tileQuery(where(false))}`;
}

function categoryTopExpression() {
  // The needs tiles carry the leaf category code; colour by its top-level category.
  const match = ['match', ['get', 'category']];
  for (const [code, item] of state.categoryIndex) match.push(code, categoryColours[code.split('.')[0]] ?? categoryColours[item.code] ?? '#829ab1');
  match.push('#829ab1');
  return match;
}

function addNeedLayers() {
  // Tiles below NEEDS_MIN_ZOOM are never asked for: a city of needs as points is the cells' job.
  if (seesRecords()) {
    map.addSource('need-tiles', { type: 'vector', tiles: [needTileUrl()], minzoom: NEEDS_MIN_ZOOM, maxzoom: 16 });
    map.addLayer({
      id: 'need-tile-points', type: 'circle', source: 'need-tiles', 'source-layer': 'needs', minzoom: NEEDS_MIN_ZOOM,
      // A cluster grows with the square root of its count (capped), so density reads at a glance.
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'],
        13, ['+', 2.5, ['min', 6, ['sqrt', ['-', ['coalesce', ['get', 'count'], 1], 1]]]], 17, 7], 'circle-color': categoryTopExpression(),
        'circle-stroke-color': '#fff', 'circle-stroke-width': 0.7 },
    });
  }
  // The needs that arrived live, drawn at every zoom until the filter changes; the tiles hold the rest.
  map.addSource('needs', { type: 'geojson', data: collection([]) });
  map.addLayer({
    id: 'need-points', type: 'circle', source: 'needs',
    paint: {
      'circle-color': categoryColourExpression(),
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 4, 17, 8],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  });
}

// MapLibre needs glyph files for text, which an offline server has none of; HTML labels use the browser's fonts.
const streetLabels = [];
function addStreetLabels() {
  for (const street of state.city.children) {
    const element = document.createElement('div');
    element.className = 'street-label';
    element.dataset.code = street.code;
    streetLabels.push(new maplibregl.Marker({ element }).setLngLat(street.interiorPoint.coordinates).addTo(map));
  }
  renderStreetLabels();
  map.on('zoomend', renderStreetLabels);
}

function renderStreetLabels() {
  const visible = map.getZoom() < 12.5;
  for (const marker of streetLabels) {
    const element = marker.getElement();
    element.textContent = nameOf(state.jurisdictionIndex.get(element.dataset.code));
    element.style.display = visible ? '' : 'none';
  }
}

function wireInteractions() {
  const showNeed = async (event) => {
    const feature = event.features[0];
    if (feature.properties.cluster) {
      // A busy tile at zoom 14 and below is squares of needs (the server's clusters): say how many, zoom in for each one.
      new maplibregl.Popup().setLngLat(feature.geometry.coordinates)
        .setText(t('needCluster', { count: feature.properties.count, category: nameOf(state.categoryIndex.get(feature.properties.category)) })).addTo(map);
      return;
    }
    const id = typeof feature.properties.id === 'number' ? btoa(`Need:${feature.properties.id}`) : feature.properties.id;
    const data = await gql(`query($id: ID!) { need(id: $id) { text receivedAt status category { name nameEn }
      channel { name nameEn } jurisdiction { name } } }`, { id });
    const need = data.need;
    if (!need) return;
    const popup = document.createElement('div');
    popup.innerHTML = `<b></b><p></p><small></small>`;
    popup.querySelector('b').textContent = `${nameOf(need.category)} · ${need.jurisdiction.name}`;
    popup.querySelector('p').textContent = need.text;
    popup.querySelector('small').textContent = `${new Date(need.receivedAt).toLocaleString(lang() === 'en' ? 'en-GB' : 'zh-CN')} · ${nameOf(need.channel)}`;
    new maplibregl.Popup({ maxWidth: '280px' }).setLngLat(feature.geometry.coordinates).setDOMContent(popup).addTo(map);
  };
  const needLayers = ['need-points', 'need-tile-points'].filter((layer) => map.getLayer(layer));
  for (const layer of needLayers) map.on('click', layer, (event) => showNeed(event).catch(showError));
  map.on('click', 'cells-fill', (event) => {
    if (map.queryRenderedFeatures(event.point, { layers: needLayers }).length) return;
    const cell = event.features[0].properties;
    new maplibregl.Popup().setLngLat(event.lngLat).setText(t('cellExplain', {
      weather: t(`weather.${cell.weather}`), count: cell.count, demand: Number(cell.demand).toFixed(1),
      baseline: Number(cell.baseline).toFixed(1), days: cellWindow().days,
    })).addTo(map);
  });
  map.on('click', 'community-fill', (event) => {
    if (map.queryRenderedFeatures(event.point, { layers: [...needLayers, 'cells-fill'] }).length) return;
    const feature = event.features[0];
    const community = state.jurisdictionIndex.get(feature.properties.code);
    const count = map.getFeatureState({ source: 'communities', id: feature.properties.code }).count ?? 0;
    new maplibregl.Popup().setLngLat(event.lngLat)
      .setText(`${community?.name ?? ''}: ${count}`).addTo(map);
  });
  for (const layer of needLayers) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
  map.on('zoomend', renderSummary);
  map.on('error', (event) => onMapError(event).catch(showError));
}

/**
 * A tile the server refused or failed: the weather (or the single needs) stop asking and the panel says why, with the
 * server's message. A new filter asks again.
 */
async function onMapError(event) {
  const error = event.error;
  const sourceId = event.sourceId ?? event.source?.id ?? event.tile?.tileID?.sourceId;
  if (!error || !('status' in error) || !['cells', 'need-tiles'].includes(sourceId)) {
    console.error(error ?? event);
    return;
  }
  let body = null;
  try {
    body = JSON.parse(await error.body?.text?.());
  } catch {
    // Not JSON: the status says what there is to say.
  }
  const codes = body?.code ? [body.code] : error.status === 401 ? ['AUTH_REQUIRED'] : error.status === 403 ? ['FORBIDDEN'] : [];
  const failure = Object.assign(new Error(body?.message ?? `HTTP ${error.status}`), { status: error.status, url: error.url, codes });
  const layers = sourceId === 'cells' ? ['cells-fill'] : ['need-tile-points'];
  for (const layer of layers) if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', 'none');
  if (sourceId === 'cells') state.weatherFailure = failure;
  else state.needsFailure = failure;
  const panel = sourceId === 'cells' ? 'weather-note' : 'needs-shown';
  explain(panel, failure, sourceId === 'cells' ? t('weatherFailed', { reason: refusal(failure) }) : refusal(failure));
  renderSummary();
}

// ---------- filters ----------

function readFilterFromUrl() {
  const query = new URLSearchParams(location.search);
  return {
    category: query.get('category') ?? '',
    channel: query.get('channel') ?? '',
    window: query.get('window') ?? '',
    jurisdiction: query.get('jurisdiction') ?? '',
  };
}

function where(includeView) {
  const filter = state.filter;
  const result = {};
  if (filter.category) result.categoryIn = [filter.category];
  if (filter.channel) result.channelIn = [filter.channel];
  if (filter.jurisdiction) result.jurisdictionIn = [filter.jurisdiction];
  if (filter.window) result.receivedFrom = new Date(Date.now() - Number(filter.window) * DAY).toISOString();
  if (includeView && map) {
    const bounds = map.getBounds();
    const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
    result.bbox = {
      west: clamp(bounds.getWest(), 180), east: clamp(bounds.getEast(), 180),
      south: clamp(bounds.getSouth(), 90), north: clamp(bounds.getNorth(), 90),
    };
  }
  return result;
}

function fillFilters() {
  const category = document.getElementById('f-category');
  category.replaceChildren(option('', t('all')));
  for (const top of state.categories) {
    const group = document.createElement('optgroup');
    group.label = nameOf(top);
    group.append(option(top.code, `${nameOf(top)} · ${t('all')}`));
    for (const child of top.children) group.append(option(child.code, nameOf(child)));
    category.append(group);
  }
  const channel = document.getElementById('f-channel');
  channel.replaceChildren(option('', t('all')), ...state.channels.map((c) => option(c.code, nameOf(c))));
  const window = document.getElementById('f-window');
  window.replaceChildren(option('', t('all')), option('7', t('days7')), option('30', t('days30')),
    option('90', t('days90')), option('365', t('days365')));
  const jurisdiction = document.getElementById('f-jurisdiction');
  jurisdiction.replaceChildren(option('', t('allCity')));
  for (const street of state.city?.children ?? []) {
    jurisdiction.append(option(street.code, street.name));
    for (const community of street.children) jurisdiction.append(option(community.code, `\u3000${community.name}`));
  }
  for (const [key, select] of Object.entries({ category, channel, window, jurisdiction })) {
    select.value = state.filter[key];
    select.onchange = () => changeFilter(key, select.value);
  }
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

async function changeFilter(key, value) {
  state.filter[key] = value;
  const query = new URLSearchParams(location.search);
  if (value) query.set(key, value);
  else query.delete(key);
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
  // New tile addresses first, and the move only once the sources ask there (MapLibre takes them a frame after setTiles):
  // a move started at once asked for the new view's tiles at the old addresses and kept their old cells.
  const taken = refreshTiles();
  renderLegend();
  subscribeLive();
  const work = [refreshFilterWide(), refreshView()];
  if (key === 'jurisdiction') {
    work.push(tracked(async () => {
      await taken;
      fitJurisdiction(value, true);
    }), tracked(() => warnings.load(value)));
  }
  await Promise.all(work);
}

function refreshTiles() {
  // A refused layer is shown again: the new filter may be one the server answers.
  state.weatherFailure = null;
  state.needsFailure = null;
  for (const layer of ['cells-fill', 'need-tile-points']) if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', 'visible');
  const taken = retarget(['cells', 'need-tiles']);
  renderSummary();
  return taken;
}

const tileAddresses = { cells: cellTileUrl, 'need-tiles': needTileUrl };

/**
 * Points tile sources at their current addresses; resolves once they ask there. A tile still loading when its source's
 * address changes is not asked again: MapLibre re-parses the answer it was waiting for, the old one. So a source caught
 * loading is asked again, at a new version, once its loads are in.
 */
function retarget(ids) {
  const addresses = ids.filter((id) => map.getSource(id)).map((id) => [id, tileAddresses[id]()]);
  const racing = addresses.filter(([id]) => !map.isSourceLoaded(id)).map(([id]) => id);
  for (const [id, url] of addresses) map.getSource(id).setTiles([url]);
  const taken = inEffect(addresses);
  if (racing.length) {
    tracked(async () => {
      await taken;
      await loaded(racing);
      state.tileVersion++;
      await retarget(racing);
    });
  }
  return taken;
}

/** Resolves once no tile of these sources is loading (at most 20 s: an answer that never comes must not hold the page). */
function loaded(ids) {
  return new Promise((resolve) => {
    const check = () => {
      if (!ids.every((id) => !map.getSource(id) || map.isSourceLoaded(id))) return;
      map.off('sourcedata', check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      map.off('sourcedata', check);
      resolve();
    }, 20000);
    map.on('sourcedata', check);
    check();
  });
}

/** Resolves once each source requests tiles from its new address; gives up after 3 s (a hidden tab draws no frames). */
async function inEffect(addresses) {
  for (let tries = 0; tries < 60; tries++) {
    if (addresses.every(([id, url]) => map.getSource(id)?.tiles?.[0] === url)) return;
    await new Promise((resolve) => {
      requestAnimationFrame(resolve);
      setTimeout(resolve, 50);
    });
  }
}

function fitJurisdiction(code, animate) {
  const jurisdiction = state.jurisdictionIndex.get(code) ?? state.city;
  map.getSource('selected').setData(collection(code ? [jurisdiction] : []));
  map.fitBounds(boundsOf(jurisdiction.boundary), { padding: 40, animate });
}

function indexJurisdictions(node, parent) {
  state.jurisdictionIndex.set(node.code, { ...node, parent });
  for (const child of node.children ?? []) indexJurisdictions(child, node.code);
}

// ---------- data for the view ----------

/** The community shading: needs per community for the whole filter, independent of the view. */
async function refreshFilterWide() {
  await tracked(async () => {
    let data;
    try {
      data = await gql(`query($w: NeedFilter) { needStats(where: $w, groupBy: JURISDICTION, jurisdictionLevel: COMMUNITY) {
        groups { key count } } }`, { w: where(false) });
      state.summaryFailures.shading = null;
    } catch (error) {
      state.summaryFailures.shading = error;
      explain('summary-note', error);
      renderSummary();
      return;
    }
    const groups = data.needStats.groups;
    const max = Math.max(1, ...groups.map((g) => g.count));
    map.removeFeatureState({ source: 'communities' });
    for (const group of groups) {
      map.setFeatureState({ source: 'communities', id: group.key }, { count: group.count, share: group.count / max });
    }
  });
}

let viewToken = 0;
async function refreshView() {
  state.refreshPending = false;
  const token = ++viewToken;
  await tracked(() => Promise.all([countNeeds(token), loadKeyMatters(token)]));
}

/** The needs in view, counted: the tiles draw them, and the count is an aggregate, which every role may read. */
async function countNeeds(token) {
  let data;
  try {
    data = await gql(`query($w: NeedFilter) { needStats(where: $w, groupBy: CHANNEL) { totalCount } }`, { w: countFilter() });
    state.summaryFailures.count = null;
  } catch (error) {
    if (token !== viewToken) return;
    state.summaryFailures.count = error;
    state.needsTotal = null;
    explain('summary-note', error);
    renderSummary();
    return;
  }
  if (token !== viewToken) return;
  state.needsTotal = data.needStats.totalCount;
  state.needs = new Map(liveInView());
  drawNeeds();
}

/**
 * What the count asks for: the needs in the view's box, or for the public, which may not count by a drawn shape (a box can
 * be shrunk around one door), the needs of the area in view (see areaInView).
 */
function countFilter() {
  if (seesRecords()) return where(true);
  const filter = where(false);
  const area = areaInView();
  if (!filter.jurisdictionIn && area && area !== state.city) filter.jurisdictionIn = [area.code];
  return filter;
}

function liveInView() {
  // Live needs matched the filter when they arrived; they stay drawn until the filter changes.
  return state.live.map((l) => [l.id, l.feature]);
}

function needFeature(node) {
  const code = node.category?.code ?? 'other';
  return { type: 'Feature', geometry: node.location, properties: { id: node.id, category: code, top: code.split('.')[0] } };
}

function drawNeeds() {
  map.getSource('needs')?.setData({ type: 'FeatureCollection', features: [...state.needs.values()] });
  renderSummary();
}

function renderSummary() {
  document.getElementById('needs-total').textContent = state.needsTotal?.toLocaleString() ?? '–';
  const shown = document.getElementById('needs-shown');
  if (!seesRecords()) shown.textContent = t('pointsSignIn');
  else if (state.needsFailure) shown.textContent = refusal(state.needsFailure);
  else shown.textContent = map && map.getZoom() >= NEEDS_MIN_ZOOM ? t('shownEach') : t('closeZoom');
  shown.dataset.state = !seesRecords() || state.needsFailure ? (isRefusal(state.needsFailure) || !seesRecords() ? 'refused' : 'failed') : 'filled';
  const weather = document.getElementById('weather-note');
  weather.textContent = state.weatherFailure ? t('weatherFailed', { reason: refusal(state.weatherFailure) }) : seesPublicWeather() ? t('weatherCoarse') : '';
  weather.dataset.state = !state.weatherFailure ? 'filled' : isRefusal(state.weatherFailure) ? 'refused' : 'failed';
  const failures = [state.summaryFailures.count, state.summaryFailures.shading].filter(Boolean);
  document.getElementById('summary-note').textContent = [...new Set(failures.map(refusal))].join(' ');
  markPanel('summary', state.summaryFailures.count ? (isRefusal(state.summaryFailures.count) ? 'refused' : 'failed') : 'filled');
}

/**
 * The jurisdiction whose key matters the panel shows: the one chosen, else the street (from zoom 11) or the
 * community (from the zoom where needs are drawn one by one) under the centre of the view, else the city.
 */
function areaInView() {
  if (state.filter.jurisdiction) return state.jurisdictionIndex.get(state.filter.jurisdiction) ?? state.city;
  const centre = map.getCenter().toArray();
  const depth = map.getZoom() >= NEEDS_MIN_ZOOM ? 2 : map.getZoom() >= 11 ? 1 : 0;
  let area = state.city;
  for (let level = 0; level < depth; level++) {
    const child = (area.children ?? []).find((c) => containsPoint(c.boundary, centre));
    if (!child) break;
    area = child;
  }
  return area;
}

async function loadKeyMatters(token) {
  const list = document.createElement('ol');
  const source = document.getElementById('key-matters-source');
  let answered;
  try {
    answered = await renderKeyMatters(list, { jurisdictionCode: areaInView().code, cellWindow: cellWindow() });
  } catch (error) {
    if (token !== viewToken) return;
    state.keyMattersPlace = null;
    source.textContent = explain('key-matters-source', error);
    markPanel('key-matters', isRefusal(error) ? 'refused' : 'failed');
    document.getElementById('key-matters-list').replaceChildren();
    return;
  }
  if (token !== viewToken) return;
  state.keyMattersPlace = answered.code;
  markPanel('key-matters', list.querySelector('li') ? 'filled' : 'empty');
  document.getElementById('key-matters-list').replaceChildren(...list.children);
  source.textContent = t('keyMattersService', { place: answered.name, days: cellWindow().days });
}

function refreshPanels() {
  renderSummary();
  renderLiveStatus();
  renderLiveList();
  renderStreetLabels();
  warnings?.render();
  scenes?.render();
  // The key matters are asked again for their texts; before the map exists there is no view to ask about.
  if (map) refreshView().catch(showError);
}

async function tracked(work) {
  state.loadsInFlight++;
  try {
    await work();
  } catch (error) {
    showError(error);
  } finally {
    state.loadsInFlight--;
  }
}

// ---------- live updates ----------

function subscribeLive() {
  liveUnsubscribe?.();
  state.liveFailure = null;
  liveUnsubscribe = seesRecords() ? subscribeNeeds() : subscribeAggregates();
  renderLiveStatus();
}

/** Signed in: every new or changed need the role may see, matching the filter. */
function subscribeNeeds() {
  const filter = where(false);
  delete filter.receivedFrom; // a new need is always inside the window
  return client.subscribe(
    {
      query: `subscription($w: NeedFilter) { needChanged(where: $w) { kind
        need { id text receivedAt location category { code name nameEn } jurisdiction { code name } } } }`,
      variables: { w: filter },
    },
    { next: (message) => message.data?.needChanged && onNeedChanged(message.data.needChanged), error: onLiveError, complete: () => {} },
  );
}

/**
 * The public: no single need, but the weather and the key matters follow the city live (cellChanged and
 * keyMattersChanged are aggregates, open to every role; the warnings panel listens to warningRaised).
 */
function subscribeAggregates() {
  const variables = { j: state.filter.jurisdiction || null };
  const stops = [
    client.subscribe({ query: 'subscription($j: String) { cellChanged(resolution: R2500, jurisdictionCode: $j) { cellKey } }', variables },
      { next: () => refreshCellsSoon(), error: onLiveError, complete: () => {} }),
    client.subscribe({ query: 'subscription($j: String) { keyMattersChanged(jurisdictionCode: $j) { at } }', variables },
      { next: () => refreshViewSoon(), error: onLiveError, complete: () => {} }),
  ];
  return () => stops.forEach((stop) => stop());
}

/** A subscription the server refused (GraphQL errors) is explained in the live panel; a closed socket is the client's status. */
function onLiveError(error) {
  const errors = Array.isArray(error) ? error : [];
  if (errors.length === 0) {
    if (typeof error?.code !== 'number') showError(error);
    return;
  }
  state.liveFailure = Object.assign(new Error(errors.map((e) => e.message).join('; ')), {
    codes: errors.map((e) => e.extensions?.code).filter(Boolean), status: null, url: 'graphql-ws',
  });
  explain('live-status', state.liveFailure);
  renderLiveStatus();
}

function onNeedChanged(change) {
  const need = change.need;
  const feature = needFeature(need);
  const known = state.live.find((l) => l.id === need.id);
  if (change.kind === 'CREATED' && !known) {
    state.live.unshift({ id: need.id, text: need.text, at: Date.now(), need, feature });
    state.live.length = Math.min(state.live.length, 50);
    if (state.needsTotal !== null && map.getBounds().contains(need.location.coordinates)) state.needsTotal++;
    pulse(need.location.coordinates);
    refreshCellsSoon();
  }
  state.needs.set(need.id, feature);
  drawNeeds();
  renderLiveList(need.id);
}

// The cells' rollups change in the same transaction as the need; ask for fresh cell tiles once a burst is over.
const refreshCellsSoon = debounce(() => {
  state.tileVersion++;
  retarget(['cells']);
}, 1500);

const refreshViewSoon = debounce(() => {
  state.refreshPending = true;
  refreshView().catch(showError);
}, 1500);

function renderLiveStatus() {
  const element = document.getElementById('live-status');
  element.dataset.status = state.liveStatus;
  if (state.liveFailure) {
    element.textContent = refusal(state.liveFailure);
    markPanel('live', isRefusal(state.liveFailure) ? 'refused' : 'failed');
    return;
  }
  if (state.liveStatus === 'refused') {
    // The server closed the socket for good: the public is not let in, or the token is no longer taken.
    const refusedSocket = { codes: [state.caller.signedIn ? 'UNAUTHENTICATED' : 'AUTH_REQUIRED'], message: `WebSocket ${state.liveCloseCode ?? ''}`.trim() };
    element.textContent = refusal(refusedSocket);
    markPanel('live', 'refused');
    return;
  }
  element.textContent = t({ connected: 'liveConnected', connecting: 'liveConnecting', closed: 'liveClosed' }[state.liveStatus] ?? 'liveConnecting');
  markPanel('live', seesRecords() ? 'filled' : 'refused');
}

function renderLiveList(freshId) {
  const list = document.getElementById('live-list');
  if (state.live.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('li'), { className: 'muted', textContent: t(seesRecords() ? 'liveEmpty' : 'livePublic') }));
    return;
  }
  list.replaceChildren(...state.live.slice(0, 20).map((live) => {
    const item = document.createElement('li');
    item.dataset.id = live.id;
    if (live.id === freshId) item.className = 'fresh';
    item.innerHTML = '<time></time><b></b> <span></span>';
    item.querySelector('time').textContent = new Date(live.need.receivedAt).toLocaleTimeString(lang() === 'en' ? 'en-GB' : 'zh-CN');
    item.querySelector('b').textContent = `${nameOf(live.need.category)} · ${live.need.jurisdiction.name}`;
    item.querySelector('span').textContent = live.text;
    item.addEventListener('click', () => map.flyTo({ center: live.need.location.coordinates, zoom: 16 }));
    return item;
  }));
}

// A pulse is a marker animated by CSS: the compositor draws it, so the map is not re-rendered every frame.
const PULSE_MS = 8000;
function pulse(coordinates) {
  const element = document.createElement('div');
  element.className = 'pulse';
  const marker = new maplibregl.Marker({ element }).setLngLat(coordinates).addTo(map);
  setTimeout(() => marker.remove(), PULSE_MS);
}

// ---------- legend, texts, helpers ----------

function renderLegend() {
  const legend = document.getElementById('legend');
  const rows = [`<b>${t('legend')}</b>`];
  rows.push(`<div class="row"><span class="sw" style="background:linear-gradient(90deg,#f0f4f8,#0b4f9c)"></span>${t('communityDensity')}</div>`);
  rows.push(`<div class="row muted">${t('cellsLegend', { days: cellWindow().days })}</div>`);
  for (const [level, colour] of Object.entries(weatherColours)) {
    rows.push(`<div class="row"><span class="sw" style="background:${colour}"></span>${t(`weather.${level}`)}</div>`);
  }
  for (const top of state.categories) {
    rows.push(`<div class="row"><span class="dot" style="background:${categoryColours[top.code] ?? '#829ab1'}"></span>${nameOf(top)}</div>`);
  }
  rows.push(`<div class="row muted">${t(seesRecords() ? 'closeZoom' : 'pointsSignIn')}</div>`);
  if (!state.config.basemapStyleUrl && !state.config.basemapTileUrl) rows.push(`<div class="row muted">${t('basemapNone')}</div>`);
  legend.innerHTML = rows.join('');
}

function applyTexts() {
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  document.title = `${t('title')} · NeedsMap`;
}

function collection(items) {
  return {
    type: 'FeatureCollection',
    features: items.map((item) => ({
      type: 'Feature', geometry: item.boundary, properties: { code: item.code, name: item.name },
    })),
  };
}

function boundsOf(geometry) {
  const bounds = new maplibregl.LngLatBounds();
  const visit = (node) => (typeof node[0] === 'number' ? bounds.extend(node) : node.forEach(visit));
  visit(geometry.coordinates);
  return bounds;
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

function showError(error) {
  console.error(error);
  const element = document.getElementById('error');
  element.hidden = false;
  element.textContent = t('error', { message: error?.message ?? String(error) });
  setTimeout(() => (element.hidden = true), 8000);
}
