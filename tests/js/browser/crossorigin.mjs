// A frontend team's app on another origin: a page at http://localhost:<port> calls the API at http://127.0.0.1:<port>, so
// Chromium applies its cross-origin rules (preflights, which answers the page may read, which headers it may see). The
// page signs in, asks GraphQL with its token and as the public, fetches a tile and reads its ETag, reads a refusal, and
// tries a credentialed request, which the browser must refuse because the API invites none.

export async function crossOriginScenario(page, { baseUrl, report }) {
  const api = new URL(baseUrl);
  const appOrigin = `http://localhost:${api.port}`;
  await page.goto(`${appOrigin}/health/live`, { waitUntil: 'load' });
  report.steps.page = await page.evaluate(() => ({ origin: location.origin }));
  report.steps.calls = await page.evaluate(async (apiBase) => {
    // A page can read a body only when the answer allowed its origin; the header itself is not shown to scripts.
    const read = async (response) => ({
      status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : null,
    });
    const graph = (query, token) => fetch(`${apiBase}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    const signIn = await read(await fetch(`${apiBase}/demo/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'city_admin' }),
    }));
    const token = signIn.body?.token;
    const admin = await read(await graph('{ needs(first: 1) { totalCount } }', token));
    const publicCells = await read(await graph('{ cells(resolution: R500) { count } }'));
    const publicNeeds = await read(await graph('{ needs(first: 1) { totalCount } }'));
    const badToken = await read(await graph('{ needs(first: 1) { totalCount } }', 'not-a-token'));
    const tileResponse = await fetch(`${apiBase}/tiles/cells/12/3414/1698.mvt`);
    const tile = { status: tileResponse.status, etag: tileResponse.headers.get('etag'), bytes: (await tileResponse.arrayBuffer()).byteLength };
    let credentialed;
    try {
      await fetch(`${apiBase}/graphql?query=${encodeURIComponent('{ categories { code } }')}`, { credentials: 'include' });
      credentialed = 'read';
    } catch (error) {
      credentialed = `refused: ${error.message}`;
    }
    return { signIn: { status: signIn.status, token: Boolean(token) }, admin, publicCells, publicNeeds, badToken, tile, credentialed };
  }, baseUrl);
}
