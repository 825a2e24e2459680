// Drives Debian's Chromium (headless) through the pages the API serves and prints what it saw as one JSON object.
//   node browser.mjs map <base-url> <artifacts-dir> [now]       the needs map as the city administrator: boundaries, cells,
//                                                               needs, filters, panels, a live need, a live warning
//   node browser.mjs roles <base-url> <artifacts-dir> [now]     the map as each demo persona, the public first
//   node browser.mjs graphiql <base-url> <artifacts-dir>        GraphiQL on /graphql: docs, a query, a subscription, personas
//   node browser.mjs nodemo <base-url> <artifacts-dir>          a server without demo mode: no switcher, no demo sign-in
//   node browser.mjs crossorigin <base-url> <artifacts-dir>     a page on another origin calling the API (CORS)
// Every token comes from the server's demo sign-in (POST /demo/sign-in), as the pages get theirs.
// [now] fixes the page's clock (ISO 8601), so time windows select the same needs on any day the tests run.
// Screenshots go to <artifacts-dir>/*.png. Exit code 0 when the scenario ran to the end (the .NET test judges it).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createApi } from './browser/common.mjs';
import { crossOriginScenario } from './browser/crossorigin.mjs';
import { graphiqlScenario } from './browser/graphiql.mjs';
import { mapScenario } from './browser/map.mjs';
import { noDemoScenario } from './browser/nodemo.mjs';
import { rolesScenario } from './browser/roles.mjs';

const scenarios = {
  map: mapScenario, roles: rolesScenario, graphiql: graphiqlScenario, nodemo: noDemoScenario, crossorigin: crossOriginScenario,
};
const [scenario, baseUrl, artifacts, now] = process.argv.slice(2);
if (!scenarios[scenario] || !baseUrl || !artifacts) {
  console.error(`usage: node browser.mjs ${Object.keys(scenarios).join('|')} <base-url> <artifacts-dir> [now]`);
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'needsmap-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const report = { scenario, consoleErrors: [], steps: {} };
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', (message) => message.type() === 'error' && report.consoleErrors.push(message.text()));
  page.on('pageerror', (error) => report.consoleErrors.push(String(error)));
  await scenarios[scenario](page, { baseUrl, artifacts, now, report, api: createApi(baseUrl) });
  report.ok = true;
} catch (error) {
  report.ok = false;
  report.error = String(error?.stack ?? error);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
