import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import { authHeaders, caller, connectionParams, startSession } from '../session/session.js';
import { createSwitcher } from '../session/switcher.js';
import { lang, t } from '../map/i18n.js';

// The page is served on the GraphQL path itself, so the endpoint is where we are.
const url = new URL(location.pathname, location.href).href;

const defaultQuery = `# NeedsMap.Graph — 问需于民一张图
# What weighs on 鸡鸣山社区's residents? Run it with Ctrl-Enter; the schema is under the book icon.
{
  needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY, categoryLevel: TOP) {
    totalCount
    groups { key label count distinctReporters }
  }
}

# Live: subscription { needChanged { kind need { text location category { name } } } }
`;

// Who GraphiQL asks as, for people watching and for the browser tests.
window.needsMapGraphiQL = { state: { ready: false, demo: false, caller: caller(), signInError: null } };

main();

async function main() {
  const state = window.needsMapGraphiQL.state;
  const config = await fetch('/map/config.json').then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  state.demo = config.demo === true;
  const bar = document.getElementById('session');
  // Signed in before GraphiQL starts, so its first request (the schema) and its socket carry the token.
  try {
    state.caller = await startSession({ demo: state.demo });
  } catch (error) {
    state.signInError = error.codes?.includes('DEMO_OFF') ? t('demoOff') : error.message;
    state.caller = caller();
  }
  if (state.demo || state.signInError) {
    bar.hidden = false;
    const who = bar.querySelector('#who');
    const persona = state.caller.persona;
    who.textContent = persona ? label(persona) : state.caller.role ? t(`roles.${state.caller.role}`) : t('signedIn');
    bar.querySelector('#session-note').textContent = state.signInError ? t('signInFailed', { message: state.signInError }) : '';
    bar.dataset.state = state.signInError ? 'failed' : 'ready';
    bar.querySelector('[data-t="who"]').textContent = t('who');
    if (state.demo) {
      await createSwitcher(bar.querySelector('#switcher'), {
        texts: () => ({ label: t('personaLabel'), choose: t('personaChoose'), custom: t('personaCustom'),
          failed: (message) => t('personasFailed', { message }) }),
        personaLabel: label,
      });
    }
  }
  const fetcher = createGraphiQLFetcher({
    url,
    subscriptionUrl: url.replace(/^http/, 'ws'),
    // The headers tab can still add or override headers; these carry the signed-in person's token.
    headers: { accept: 'application/graphql-response+json, application/json;q=0.9', ...authHeaders() },
    // The toolkit spreads these into connection_init's payload (a function would be lost): the token of this page load.
    wsConnectionParams: connectionParams(),
  });
  createRoot(document.getElementById('graphiql')).render(
    createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
  );
  state.ready = true;
}

function label(persona) {
  return lang() === 'en' ? persona.labelEn ?? persona.label ?? persona.id : persona.label ?? persona.id;
}
