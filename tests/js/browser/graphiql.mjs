// GraphiQL on /graphql: signed in through a persona link, the docs, a query, a subscription, then the persona switcher.
import { join } from 'node:path';

export async function graphiqlScenario(page, { baseUrl, artifacts, report, api }) {
  // A browser's own request: Accept prefers text/html and there is no query parameter (a persona link is not a query).
  const response = await page.goto(`${baseUrl}/graphql?persona=city_admin`, { waitUntil: 'load' });
  report.steps.page = { status: response.status(), contentType: response.headers()['content-type'] };
  await graphiqlReady(page);
  report.steps.session = await session(page);

  // The schema docs: the explorer lists the root types.
  await page.click('[aria-label="Show Documentation Explorer"]');
  await page.waitForSelector('.graphiql-doc-explorer', { timeout: 30000 });
  await page.waitForFunction(() => /Query/.test(document.querySelector('.graphiql-doc-explorer')?.textContent ?? ''), null, { timeout: 30000 });
  report.steps.docs = { text: (await page.textContent('.graphiql-doc-explorer')).slice(0, 400) };

  const query = '{ needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY, categoryLevel: TOP) { totalCount groups { key label count } } }';
  report.steps.query = await runInGraphiQL(page, query, (text) => text.includes('totalCount'));
  await page.screenshot({ path: join(artifacts, 'graphiql.png') });

  // A subscription over graphql-ws from GraphiQL: a need submitted through the API shows up in the response pane.
  const marker = `GraphiQL 订阅测试 ${Date.now()}`;
  const subscribed = new Promise((resolve) => page.on('websocket', (socket) => socket.on('framesent', (frame) => {
    if (String(frame.payload).includes('"subscribe"')) resolve();
  })));
  await runInGraphiQL(page, 'subscription { needChanged { kind need { text } } }', null);
  // Bounded, so a subscription GraphiQL never sends fails this scenario with a reason instead of hanging the suite.
  await Promise.race([subscribed, new Promise((_, reject) => setTimeout(
    () => reject(new Error('GraphiQL sent no subscribe message within 60 s')), 60000))]);
  // The server may still be registering the subscription when the frame has left: submit until the pane shows one.
  let seen = false;
  for (let attempt = 0; attempt < 5 && !seen; attempt++) {
    await api.graphql(`mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id } errors { __typename ... on Error { code message } } } }`,
      { input: { text: marker, location: { type: 'Point', coordinates: [120.1105, 29.3011] } } });
    seen = await page.waitForFunction((m) => responseText().includes(m), marker, { timeout: 6000 }).then(() => true, () => false);
  }
  report.steps.subscription = { marker, response: await page.evaluate(() => responseText()) };
  await page.screenshot({ path: join(artifacts, 'graphiql-subscription.png') });

  // The persona switcher: another person chosen, the page signs in again and GraphiQL asks as them.
  const records = '{ needs(first: 1) { totalCount } }';
  await switchPersona(page, 'street_officer');
  report.steps.streetOfficer = { session: await session(page), ...(await runInGraphiQL(page, records, (text) => text.includes('totalCount'))) };
  await switchPersona(page, 'public');
  report.steps.public = { session: await session(page), ...(await runInGraphiQL(page, records, (text) => text.includes('errors'))) };
  await page.screenshot({ path: join(artifacts, 'graphiql-public.png') });
}

async function graphiqlReady(page) {
  await page.waitForFunction(() => window.needsMapGraphiQL?.state.ready, null, { timeout: 30000 });
  await page.waitForSelector('.graphiql-container', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror, null, { timeout: 30000 });
}

async function switchPersona(page, persona) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.selectOption('#persona', persona)]);
  await graphiqlReady(page);
}

/** Who GraphiQL says it asks as, and what its switcher offers. */
function session(page) {
  return page.evaluate(() => ({
    url: location.search,
    shown: !document.getElementById('session').hidden,
    who: document.getElementById('who').textContent,
    selected: document.getElementById('persona')?.value ?? null,
    personas: [...document.querySelectorAll('#persona option')].map((o) => o.value).filter(Boolean),
    caller: window.needsMapGraphiQL.state.caller,
  }));
}

async function runInGraphiQL(page, query, done) {
  await page.evaluate(() => {
    window.responseText = () => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
  });
  await page.evaluate((q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(q), query);
  // GraphiQL parses the editor's text after a debounce and picks HTTP or WebSocket from that parse: run only once
  // it has parsed this text, or a busy machine runs the new text with the old document's transport.
  await page.waitForFunction((q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.documentAST?.loc?.source?.body === q,
    query, { timeout: 30000 });
  // A response pane left from before a reload must not pass for this query's answer.
  await page.evaluate(() => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.setValue(''));
  await page.click('.graphiql-execute-button');
  if (!done) return null;
  await page.waitForFunction(() => /"(data|errors)"/.test(responseText()), null, { timeout: 30000 });
  const text = await page.evaluate(() => responseText());
  return { response: JSON.parse(text), matched: done(text) };
}
