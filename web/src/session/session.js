// Who the pages ask as. A bearer token comes from `?token=` or, in demo mode, from a persona's sign-in through
// /demo/sign-in (`?persona=<id>` or the switcher); either way it is kept in this browser's storage, so the map and
// GraphiQL (same origin) ask as the same person. Without a token the pages ask as the public.
const TOKEN = 'needsmap.token';
const PERSONA = 'needsmap.persona';

export function token() {
  return localStorage.getItem(TOKEN) ?? '';
}

export function authHeaders() {
  const value = token();
  return value ? { authorization: `Bearer ${value}` } : {};
}

/** graphql-ws `connection_init` payload: the same token as the HTTP requests, nothing for the public. */
export function connectionParams() {
  const value = token();
  return value ? { authorization: `Bearer ${value}` } : {};
}

/** The persona last signed in through the demo, or null (a `?token=` given by hand forgets it). */
export function storedPersona() {
  try {
    return JSON.parse(localStorage.getItem(PERSONA) ?? 'null');
  } catch {
    return null;
  }
}

/** A sign-in the server refused, with its answer: status and `code` / `message` of the JSON body. */
export class SignInError extends Error {
  constructor(status, body, url = null) {
    super(body?.message ?? body?.code ?? `HTTP ${status}`);
    this.status = status;
    this.codes = body?.code ? [body.code] : [];
    this.url = url;
  }
}

/**
 * Reads `?token=` and `?persona=` once, before the page asks anything. `?persona=` signs in through the demo (demo mode
 * only, else it is refused here without asking the server); a demo persona whose token has expired is signed in again.
 */
export async function startSession({ demo }) {
  const query = new URLSearchParams(location.search);
  const given = query.get('token');
  if (given) {
    localStorage.setItem(TOKEN, given);
    localStorage.removeItem(PERSONA);
  }
  const asked = query.get('persona');
  if (asked && !given) {
    if (!demo) throw new SignInError(404, { code: 'DEMO_OFF', message: 'demo sign-in is off on this server' });
    await signIn(asked);
  } else if (demo && !given && storedPersona() && token() && expired(token())) {
    await signIn(storedPersona().id);
  }
  return caller();
}

/** Signs a demo persona in: the server issues a real token (null for the public), kept like `?token=`. */
export async function signIn(id) {
  const response = await fetch('/demo/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ persona: id }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok || !body) throw new SignInError(response.status, body, response.url);
  if (body.token) localStorage.setItem(TOKEN, body.token);
  else localStorage.removeItem(TOKEN);
  localStorage.setItem(PERSONA, JSON.stringify(body.persona ?? { id }));
  return body.persona;
}

/** The personas the demo offers (`/demo/personas`); empty when the server has no demo. */
export async function personas() {
  const response = await fetch('/demo/personas', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new SignInError(response.status, await response.json().catch(() => null), response.url);
  return response.json();
}

/**
 * Who the page asks as, read from the token's claims for display and for the page's own choices (what to draw, where
 * to start); the server decides what is allowed. A token from another identity provider may name its claims
 * differently: the page then only knows that someone is signed in.
 */
export function caller() {
  const value = token();
  const persona = storedPersona();
  if (!value) return { signedIn: false, role: 'public', jurisdiction: null, department: null, persona: persona?.role === 'public' ? persona : null };
  const claims = decodeClaims(value);
  return {
    signedIn: true,
    role: typeof claims.role === 'string' ? claims.role : null,
    jurisdiction: typeof claims.jurisdiction === 'string' ? claims.jurisdiction : null,
    department: typeof claims.department === 'string' ? claims.department : null,
    subject: claims.sub ?? null,
    persona,
  };
}

/** Forgets the token and the persona: the pages ask as the public again. */
export function signOut() {
  localStorage.removeItem(TOKEN);
  localStorage.removeItem(PERSONA);
}

function decodeClaims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

function expired(jwt) {
  const { exp } = decodeClaims(jwt);
  return typeof exp === 'number' && exp * 1000 < Date.now() + 60_000;
}
