import { gql, namedType, selectionFor } from './api.js';
import { t } from './i18n.js';

// Panels for features other engineers are building (key matters, warnings, scenes). They plug in when the
// schema has the field: the arguments it takes are filled from the view, the scalar fields it returns are shown.
const titleFields = ['title', 'name', 'label', 'headline', 'summary', 'code'];
const detailFields = ['explanation', 'verdict', 'reason', 'description', 'message', 'level', 'severity', 'status'];

export async function renderPluginPanel(fieldName, element, schema, where) {
  const field = schema.field(fieldName);
  if (!field) {
    element.textContent = t('notAvailable');
    element.dataset.available = 'false';
    return false;
  }
  try {
    const args = [];
    const variables = {};
    const declarations = [];
    for (const arg of field.args) {
      const type = namedType(arg.type);
      if (type === 'NeedFilter') {
        declarations.push(`$${arg.name}: NeedFilter`);
        args.push(`${arg.name}: $${arg.name}`);
        variables[arg.name] = where;
      } else if (type === 'BoundingBox' && where.bbox) {
        declarations.push(`$${arg.name}: BoundingBox`);
        args.push(`${arg.name}: $${arg.name}`);
        variables[arg.name] = where.bbox;
      }
    }
    const selection = await selectionFor(namedType(field.type));
    const query = `query${declarations.length ? `(${declarations.join(', ')})` : ''} { items: ${fieldName}${args.length ? `(${args.join(', ')})` : ''} { ${selection} } }`;
    const data = await gql(query, variables);
    const raw = data.items;
    const items = Array.isArray(raw) ? raw : raw?.nodes ?? (raw ? [raw] : []);
    element.dataset.available = 'true';
    if (items.length === 0) {
      element.textContent = t('none');
      return true;
    }
    element.replaceChildren(...items.slice(0, 8).map((item) => {
      const row = document.createElement('div');
      row.className = 'plugin-item';
      const title = titleFields.map((f) => item[f]).find((v) => v !== undefined && v !== null);
      const details = detailFields.map((f) => item[f]).filter((v) => v !== undefined && v !== null);
      row.innerHTML = '<b></b><span></span>';
      row.querySelector('b').textContent = title ?? '';
      row.querySelector('span').textContent = details.join(' · ');
      return row;
    }));
    return true;
  } catch (error) {
    element.textContent = `${t('notAvailable')} (${error.message})`;
    element.dataset.available = 'false';
    return false;
  }
}

