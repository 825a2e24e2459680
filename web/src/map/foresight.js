import { gql } from './api.js';
import { lang, t } from './i18n.js';
import { explain, isRefusal, markPanel } from './problems.js';

// School-place demand by district (issue #21): the city's school districts (serviceAreas) outlined on the map, and for
// the one chosen its enrolment needs forecast by year (areaForecast) with the 80% interval and what drives it. Builds
// its own section after the scenes, so the page only has to create it and call load().
const category = 'education.enrollment';

export function createForesight({ map, after }) {
  const section = document.createElement('section');
  section.id = 'foresight';
  section.innerHTML = '<h2></h2><select id="foresight-area"></select><div id="foresight-body" class="muted"></div>';
  after.insertAdjacentElement('afterend', section);
  const select = section.querySelector('select');
  const body = section.querySelector('#foresight-body');
  let areas = [];

  map.addSource('service-areas', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({ id: 'service-area-line', type: 'line', source: 'service-areas',
    paint: { 'line-color': '#c65d21', 'line-width': ['case', ['==', ['get', 'code'], ''], 3, 1.5], 'line-dasharray': [1, 1] } });
  select.addEventListener('change', () => show(select.value));

  async function load() {
    section.querySelector('h2').textContent = t('foresight');
    try {
      areas = (await gql('{ serviceAreas(kind: SCHOOL_DISTRICT) { code name boundary } }')).serviceAreas;
    } catch (error) {
      body.textContent = explain('foresight-body', error);
      markPanel('foresight', isRefusal(error) ? 'refused' : 'failed');
      return;
    }
    map.getSource('service-areas').setData({
      type: 'FeatureCollection',
      features: areas.map((a) => ({ type: 'Feature', geometry: a.boundary, properties: { code: a.code, name: a.name } })),
    });
    select.replaceChildren(new Option(t('foresightPick'), ''), ...areas.map((a) => new Option(a.name, a.code)));
    body.textContent = areas.length === 0 ? t('noAreas') : '';
    markPanel('foresight', areas.length === 0 ? 'empty' : 'filled');
    section.dataset.count = String(areas.length);
  }

  async function show(code) {
    map.setPaintProperty('service-area-line', 'line-width', ['case', ['==', ['get', 'code'], code], 3, 1.5]);
    if (!code) {
      body.textContent = '';
      return;
    }
    body.textContent = t('loading');
    try {
      const data = await gql(`query($code: String!) { areaForecast(areaCode: $code, categoryCode: "${category}", interval: YEAR, horizon: 2) {
        points { period count lower80 upper80 } explanation explanationEn backtest { mase seasonalNaiveMase } } }`, { code });
      const f = data.areaForecast;
      const lines = f.points.map((p) => t('foresightYear', {
        year: p.period.slice(0, 4), count: Math.round(p.count), low: Math.round(p.lower80), high: Math.round(p.upper80),
      }));
      body.replaceChildren(...[...lines, lang() === 'en' ? f.explanationEn : f.explanation].map((text) => {
        const row = document.createElement('div');
        row.className = 'plugin-item forecast';
        row.textContent = text;
        return row;
      }));
      body.dataset.area = code;
    } catch (error) {
      // A district's forecast reads needs (Records): the public is told to sign in.
      body.textContent = explain('foresight-body', error);
    }
  }

  return { load, show, get areas() { return areas; } };
}
