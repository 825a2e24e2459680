import { gql } from './api.js';
import { lang, nameOf, t } from './i18n.js';
import { explain, isRefusal, markPanel, refusal } from './problems.js';

// Demand warnings (Poisson tests of the latest window against its baseline): the list for the chosen
// jurisdiction, then live as the detector raises them on any server (warningRaised over graphql-ws).
const fields = 'id kind scope scopeKey jurisdictionCode categoryCode observed expected pValue windowStart windowEnd raisedAt';

export function createWarnings({ element, client, lookup, onChange }) {
  let items = [];
  let unsubscribe = null;
  let jurisdictionCode = null;
  let fresh = null;
  let failure = null;

  async function load(code) {
    jurisdictionCode = code || null;
    try {
      const data = await gql(`query($j: String) { warnings(jurisdictionCode: $j, first: 20) { ${fields} } }`, { j: jurisdictionCode });
      items = data.warnings;
      failure = null;
    } catch (error) {
      failure = error;
      explain('warnings', error);
    }
    render();
    // A role refused the list is refused the live warnings too: no socket subscription to be turned away.
    if (!failure || !isRefusal(failure)) subscribe();
  }

  function subscribe() {
    unsubscribe?.();
    unsubscribe = client.subscribe(
      { query: `subscription($j: String) { warningRaised(jurisdictionCode: $j) { ${fields} } }`, variables: { j: jurisdictionCode } },
      {
        next: (message) => {
          const warning = message.data?.warningRaised;
          if (!warning) return;
          items = [warning, ...items.filter((w) => w.id !== warning.id)].slice(0, 20);
          failure = null;
          fresh = warning.id;
          render();
          onChange?.(warning);
        },
        error: () => {},
        complete: () => {},
      },
    );
  }

  function render() {
    element.dataset.count = String(items.length);
    if (failure) {
      element.textContent = refusal(failure);
      markPanel('warnings', isRefusal(failure) ? 'refused' : 'failed');
      return;
    }
    markPanel('warnings', items.length ? 'filled' : 'empty');
    if (items.length === 0) {
      element.textContent = t('noWarnings');
      return;
    }
    element.replaceChildren(...items.slice(0, 8).map((warning) => {
      const row = document.createElement('div');
      row.className = `plugin-item warning${warning.id === fresh ? ' fresh' : ''}`;
      row.dataset.id = warning.id;
      row.dataset.scope = warning.scope;
      row.dataset.kind = warning.kind;
      row.innerHTML = '<b></b><span></span>';
      const risk = warning.kind === 'SOCIAL_RISK';
      row.querySelector('b').textContent = risk
        ? `${t('socialRisk')} · ${lookup.jurisdiction(warning.jurisdictionCode)?.name ?? warning.jurisdictionCode} · ${nameOf(lookup.category(warning.categoryCode)) || warning.categoryCode}`
        : `${t(`warningScope.${warning.scope}`)} · ${scopeName(warning)}`;
      row.querySelector('span').textContent = t(risk ? 'socialRiskExplain' : 'warningExplain', {
        observed: warning.observed,
        expected: Math.round(warning.expected * 10) / 10,
        p: warning.pValue < 0.0001 ? '<0.0001' : warning.pValue.toPrecision(2),
        from: warning.windowStart,
        to: warning.windowEnd,
      });
      return row;
    }));
  }

  function scopeName(warning) {
    if (warning.scope === 'CATEGORY') {
      const category = lookup.category(warning.scopeKey);
      const place = lookup.jurisdiction(warning.jurisdictionCode);
      return `${nameOf(category) || warning.scopeKey}${place ? ` · ${place.name}` : ''}`;
    }
    if (warning.scope === 'JURISDICTION') return lookup.jurisdiction(warning.scopeKey)?.name ?? warning.scopeKey;
    const place = lookup.jurisdiction(warning.jurisdictionCode);
    return `${warning.scopeKey}${place ? ` (${place.name})` : ''}`;
  }

  return { load, render, get items() { return items; } };
}

export const verdictKey = (verdict) => `verdict.${verdict ?? 'NONE'}`;
export const locale = () => (lang() === 'en' ? 'en-GB' : 'zh-CN');
