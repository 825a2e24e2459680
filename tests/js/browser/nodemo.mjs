// A server without demo mode: no persona switcher on /map or GraphiQL, and a persona link signs no one in (the page
// says so and stays the public's view) without asking the server's demo routes.
import { settle, trackRefusals } from './common.mjs';

export async function noDemoScenario(page, { baseUrl, report }) {
  const demoRequests = [];
  page.on('request', (request) => new URL(request.url()).pathname.startsWith('/demo/') && demoRequests.push(request.url()));
  const refusals = trackRefusals(page);
  await page.goto(`${baseUrl}/map`, { waitUntil: 'load' });
  await settle(page);
  report.steps.map = { ...(await identity(page)), refusals: refusals.take() };
  await page.goto(`${baseUrl}/map?persona=city_admin`, { waitUntil: 'load' });
  await settle(page);
  report.steps.personaLink = { ...(await identity(page)), refusals: refusals.take() };
  await page.goto(`${baseUrl}/graphql`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.needsMapGraphiQL?.state.ready, null, { timeout: 30000 });
  await page.waitForSelector('.graphiql-container', { timeout: 30000 });
  report.steps.graphiql = await page.evaluate(() => ({
    sessionShown: !document.getElementById('session').hidden, switcher: document.getElementById('persona') !== null,
    demo: window.needsMapGraphiQL.state.demo,
  }));
  report.demoRequests = demoRequests;
}

function identity(page) {
  return page.evaluate(() => {
    const snapshot = window.needsMap.snapshot();
    return {
      demo: snapshot.demo, caller: snapshot.caller, switcherShown: !document.getElementById('switcher').hidden,
      switcher: document.getElementById('persona') !== null, who: document.getElementById('who').textContent,
      note: document.getElementById('identity-note').textContent, problems: snapshot.problems, boundaries: snapshot.boundaries,
      needsTotal: snapshot.needsTotal,
    };
  });
}
