// The map as each person the platform serves, signed in the way a visitor is: the public opens /map with no token, the
// resident is chosen in the persona switcher, the others follow the persona links scripts/run prints; every token comes
// from /demo/sign-in (signed by the server's key, the same path as any client). For each person: what every panel says,
// every 4xx/5xx matched with the page's own explanation of it, the tiles asked for, a screenshot (role-<persona>.png),
// then a close look at their own area (or 鸡鸣山社区).
import { join } from 'node:path';
import { mapFacts, moveTo, settle, trackRefusals, trackTiles } from './common.mjs';
import { JIMINGSHAN } from './map.mjs';

export const PERSONAS = ['public', 'resident', 'community_worker', 'street_officer', 'department_staff', 'deputy', 'city_admin'];

export async function rolesScenario(page, { baseUrl, artifacts, now, report, api }) {
  if (now) await page.clock.setFixedTime(new Date(now));
  const listed = await api.personas();
  report.personas = listed;
  const refusals = trackRefusals(page);
  const tiles = trackTiles(page);
  let consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  report.roles = {};
  for (const persona of PERSONAS.filter((id) => listed.some((p) => p.id === id))) {
    const started = Date.now();
    if (persona === 'public') {
      await page.goto(`${baseUrl}/map`, { waitUntil: 'load' });
    } else if (persona === 'resident') {
      // From the public's page, through the switcher.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.selectOption('#persona', persona)]);
    } else {
      await page.goto(`${baseUrl}/map?persona=${persona}`, { waitUntil: 'load' });
    }
    await settle(page);
    const landing = { ms: Date.now() - started, ...(await pageFacts(page)), ...(await mapFacts(page)) };
    landing.refusals = refusals.take();
    landing.tiles = tiles.take();
    landing.unexplained = unexplained(landing.refusals, landing.problems);
    landing.consoleErrors = consoleErrors;
    consoleErrors = [];
    await page.screenshot({ path: join(artifacts, `role-${persona}.png`) });

    // Close up: single needs for those who may see them, the coarse weather enlarged for the public.
    const home = landing.caller.jurisdiction ?? JIMINGSHAN;
    const focus = await page.evaluate((code) => window.needsMap.state.jurisdictionIndex.get(code).interiorPoint.coordinates, home);
    await moveTo(page, focus, 15);
    const close = { ...(await pageFacts(page)), ...(await mapFacts(page)) };
    close.problems = close.problems.slice(landing.problems.length);
    close.refusals = refusals.take();
    close.tiles = tiles.take();
    close.unexplained = unexplained(close.refusals, close.problems);
    close.consoleErrors = consoleErrors;
    consoleErrors = [];
    report.roles[persona] = { landing, close };
  }
}

/** Who the page asks as, what each panel shows, and each refusal it explained (and whether the words are on screen). */
function pageFacts(page) {
  return page.evaluate(() => {
    const snapshot = window.needsMap.snapshot();
    const select = document.getElementById('persona');
    return {
      caller: snapshot.caller,
      demo: snapshot.demo,
      who: document.getElementById('who').textContent,
      switcher: { shown: !document.getElementById('switcher').hidden, selected: select?.value ?? null,
        options: [...(select?.options ?? [])].map((o) => o.value).filter(Boolean) },
      liveStatus: snapshot.liveStatus,
      panels: snapshot.panels,
      problems: snapshot.problems.map((p) => ({ ...p, shown: (document.getElementById(p.panel)?.textContent ?? '').includes(p.text) })),
    };
  });
}

/**
 * The 4xx/5xx responses no explanation on the page accounts for. An explained request accounts for one response; a
 * refused tile for every tile of its layer refused with that status (MapLibre asks for several at once, and tiles that
 * answer after the page has put the layer away never reach it).
 */
function unexplained(refusals, problems) {
  const unused = [...problems];
  const tileLayer = (url) => new URL(url, 'http://x').pathname.match(/^\/tiles\/(\w+)\//)?.[1] ?? null;
  return refusals.filter((refusal) => {
    const layer = tileLayer(refusal.url);
    if (layer && problems.some((p) => p.status === refusal.status && p.url && tileLayer(p.url) === layer)) return false;
    const index = unused.findIndex((p) => p.status === refusal.status && p.url === refusal.url);
    if (index < 0) return true;
    unused.splice(index, 1);
    return false;
  });
}
