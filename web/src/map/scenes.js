import { gql } from './api.js';
import { locale, verdictKey } from './warnings.js';
import { nameOf, t } from './i18n.js';
import { explain, isRefusal, markPanel, refusal } from './problems.js';

// Scenes (场景) with their verdict: the stored one (evaluateScene), and on request the effect measured now
// (sceneEffect, difference in differences against control communities). Their areas are outlined on the map.
export const verdictColours = { EFFECTIVE: '#3ebd93', NO_EFFECT: '#e12d39', TOO_EARLY: '#829ab1', NONE: '#9446ed' };

// Every scene is outlined, so the list is read page after page (the public's pages hold at most 50), then shown
// latest start first as the list always was.
async function readAll() {
  const all = [];
  let after = null;
  for (let page = 0; page < 20; page += 1) {
    const data = await gql(`query($after: String) { scenesConnection(first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id name description verdict needsReplanning startsAt evaluatedAt area categories { code name nameEn } } } }`, { after });
    all.push(...data.scenesConnection.nodes);
    if (!data.scenesConnection.pageInfo.hasNextPage) break;
    after = data.scenesConnection.pageInfo.endCursor;
  }
  return all.sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
}

export function createScenes({ element, map }) {
  let scenes = [];
  let failure = null;

  async function load() {
    try {
      scenes = await readAll();
      failure = null;
    } catch (error) {
      failure = error;
      explain('scenes', error);
      render();
      return;
    }
    map.getSource('scenes').setData({
      type: 'FeatureCollection',
      features: scenes.map((s) => ({ type: 'Feature', geometry: s.area, properties: { id: s.id, verdict: s.verdict ?? 'NONE' } })),
    });
    render();
  }

  function render() {
    element.dataset.count = String(scenes.length);
    if (failure) {
      element.textContent = refusal(failure);
      markPanel('scenes', isRefusal(failure) ? 'refused' : 'failed');
      return;
    }
    markPanel('scenes', scenes.length ? 'filled' : 'empty');
    if (scenes.length === 0) {
      element.textContent = t('noScenes');
      return;
    }
    element.replaceChildren(...scenes.slice(0, 8).map((scene) => {
      const row = document.createElement('div');
      row.className = 'plugin-item scene';
      row.dataset.id = scene.id;
      row.dataset.verdict = scene.verdict ?? 'NONE';
      row.style.borderLeftColor = verdictColours[scene.verdict ?? 'NONE'];
      row.innerHTML = '<b></b><span class="verdict"></span><div class="muted detail"></div><button type="button" class="measure"></button><div class="effect"></div>';
      row.querySelector('b').textContent = scene.name;
      row.querySelector('.verdict').textContent = t(verdictKey(scene.verdict)) + (scene.needsReplanning ? ` · ${t('needsReplanning')}` : '');
      row.querySelector('.detail').textContent = [
        scene.categories.map(nameOf).join('、'),
        t('sceneStarts', { at: new Date(scene.startsAt).toLocaleDateString(locale()) }),
      ].filter(Boolean).join(' · ');
      const button = row.querySelector('.measure');
      button.textContent = t('measureEffect');
      button.addEventListener('click', () => measure(scene, row.querySelector('.effect')));
      row.addEventListener('mouseenter', () => highlight(scene.id));
      return row;
    }));
  }

  async function measure(scene, target) {
    target.textContent = t('loading');
    try {
      const data = await gql(`query($id: ID!) { sceneEffect(id: $id) { verdict relativeEffect ciLow ciHigh difference
        sceneBefore sceneAfter controlBefore controlAfter weeksBefore weeksAfter minimumDetectableEffect plannedWeeksAfter } }`, { id: scene.id });
      const e = data.sceneEffect;
      const pct = (v) => (v === null || v === undefined ? '–' : `${Math.round(v * 1000) / 10}%`);
      target.dataset.verdict = e.verdict;
      target.textContent = t('effectExplain', {
        verdict: t(verdictKey(e.verdict)),
        before: e.sceneBefore.toFixed(1), after: e.sceneAfter.toFixed(1),
        controlBefore: e.controlBefore.toFixed(1), controlAfter: e.controlAfter.toFixed(1),
        relative: pct(e.relativeEffect), low: pct(e.ciLow), high: pct(e.ciHigh),
        weeksBefore: e.weeksBefore, weeksAfter: e.weeksAfter,
      }) + (e.minimumDetectableEffect === null ? '' : t('effectMde', { mde: pct(e.minimumDetectableEffect), weeks: e.plannedWeeksAfter }));
    } catch (error) {
      target.textContent = explain('scenes', error);
    }
  }

  function highlight(id) {
    map.setPaintProperty('scene-line', 'line-width', ['case', ['==', ['get', 'id'], id], 4, 2]);
  }

  return { load, render, get scenes() { return scenes; } };
}
