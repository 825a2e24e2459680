import { gql } from './api.js';
import { lang, t } from './i18n.js';

const query = `query($j: String!, $w: CellWindow) {
  keyMatters(jurisdictionCode: $j, window: $w, top: 5) {
    jurisdiction { code name }
    categories { rank label demandIndex explanation explanationEn category { code } } } }`;

/**
 * The key matters (关键小事) of one jurisdiction with their explanations. Returns the jurisdiction answered for
 * (a caller's own part of the one asked); a refused or failed request throws, for the caller to say so in the panel.
 */
export async function renderKeyMatters(element, { jurisdictionCode, cellWindow }) {
  const data = await gql(query, { j: jurisdictionCode, w: cellWindow });
  const { jurisdiction, categories } = data.keyMatters;
  element.replaceChildren(...categories.map(renderItem));
  if (categories.length === 0) element.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('nothingInView') }));
  return jurisdiction;
}

function renderItem(item) {
  const row = document.createElement('li');
  row.dataset.category = item.category.code;
  // The explanation is long (every component of the index): folded under the name, so the other panels stay in view.
  row.innerHTML = '<details><summary class="name"></summary><div class="why muted"></div></details>';
  row.querySelector('.name').textContent = `${item.label}  (${Math.round(item.demandIndex * 10) / 10})`;
  row.querySelector('.why').textContent = lang() === 'en' ? item.explanationEn : item.explanation;
  return row;
}
