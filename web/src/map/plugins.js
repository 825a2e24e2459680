import { gql, namedType, selectionFor, typeFields } from './api.js';
import { lang, nameOf, t } from './i18n.js';

// keyMatters(jurisdictionCode, window, top) is being built by another feature. When the schema has it, its
// arguments are filled from the page's filters (found by introspection, so its exact shape does not matter here)
// and its items are shown with their explanation; otherwise the page counts the needs in view itself.
const titleFields = ['label', 'title', 'name', 'topic', 'categoryName', 'key', 'code'];
const indexFields = ['demandIndex', 'index', 'score', 'weightedCount', 'count', 'records'];

/** Returns the rendered items' count, or null when the field is missing or cannot be asked with what the page knows. */
export async function renderKeyMatters(element, schema, { jurisdictionCode, cellWindow, windowDays, where }) {
  const field = schema.field('keyMatters');
  if (!field) return null;
  const declarations = [];
  const args = [];
  const variables = {};
  for (const arg of field.args) {
    const type = namedType(arg.type);
    const required = arg.type.kind === 'NON_NULL';
    let value;
    if (arg.name === 'jurisdictionCode') value = jurisdictionCode;
    else if (arg.name === 'top' || arg.name === 'first') value = 5;
    else if (type === 'NeedFilter') value = Object.keys(where).length ? where : undefined;
    else if (arg.name === 'window') value = await windowValue(type, cellWindow, windowDays);
    if (value === undefined) {
      if (required) return null;
      continue;
    }
    declarations.push(`$${arg.name}: ${typeText(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = value;
  }
  try {
    const selection = await selectionFor(namedType(field.type));
    const data = await gql(`query${declarations.length ? `(${declarations.join(', ')})` : ''} {
      items: keyMatters${args.length ? `(${args.join(', ')})` : ''} { ${selection} } }`, variables);
    const raw = data.items;
    const items = Array.isArray(raw) ? raw : raw?.nodes ?? raw?.items ?? (raw ? [raw] : []);
    element.replaceChildren(...items.slice(0, 5).map(renderItem));
    if (items.length === 0) element.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('nothingInView') }));
    return items.length;
  } catch (error) {
    console.warn('keyMatters could not be asked; counting the needs in view instead', error);
    return null;
  }
}

async function windowValue(typeName, cellWindow, windowDays) {
  const type = await typeFields(typeName);
  const names = new Set((type?.inputFields ?? []).map((f) => f.name));
  if (names.has('days') || names.has('lastDay')) return cellWindow;
  if (names.has('from') || names.has('to')) {
    const to = new Date();
    return { from: new Date(to.getTime() - windowDays * 86_400_000).toISOString(), to: to.toISOString() };
  }
  return undefined;
}

function typeText(type) {
  if (type.kind === 'NON_NULL') return `${typeText(type.ofType)}!`;
  if (type.kind === 'LIST') return `[${typeText(type.ofType)}]`;
  return type.name;
}

function renderItem(item) {
  const row = document.createElement('li');
  const category = item.category ?? null;
  row.dataset.category = item.categoryCode ?? category?.code ?? item.code ?? item.key ?? '';
  const title = (category && nameOf(category)) || titleFields.map((f) => item[f]).find((v) => typeof v === 'string' && v);
  const index = indexFields.map((f) => item[f]).find((v) => typeof v === 'number');
  row.innerHTML = '<div class="name"></div><div class="why muted"></div>';
  row.querySelector('.name').textContent = `${title ?? ''}${item.topic && item.topic !== title ? ` · ${item.topic}` : ''}`
    + (index !== undefined ? `  (${Math.round(index * 10) / 10})` : '');
  row.querySelector('.why').textContent = explanation(item);
  return row;
}

function explanation(item) {
  const value = item.explanation;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return (lang() === 'en' ? value.en ?? value.english : value.zh ?? value.chinese) ?? '';
  return (lang() === 'en' ? item.explanationEn : item.explanationZh) ?? item.formula ?? '';
}
