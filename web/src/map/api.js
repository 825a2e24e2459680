import { createClient } from 'graphql-ws';

const endpoint = '/graphql';

/**
 * A bearer token for roles beyond the public view: `?token=` once (kept in this browser's storage), or set
 * `localStorage['needsmap.token']`. Without one the page shows what the public may see.
 */
function token() {
  const given = new URLSearchParams(location.search).get('token');
  if (given) localStorage.setItem('needsmap.token', given);
  return localStorage.getItem('needsmap.token') ?? '';
}

export function authHeaders() {
  const value = token();
  return value ? { authorization: `Bearer ${value}` } : {};
}

export async function gql(query, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => e.message).join('; '));
    error.codes = body.errors.map((e) => e.extensions?.code).filter(Boolean);
    throw error;
  }
  return body.data;
}

export function liveClient(onStatus) {
  const url = new URL(endpoint, location.href).href.replace(/^http/, 'ws');
  return createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: () => {
      const value = token();
      return value ? { authorization: `Bearer ${value}` } : {};
    },
    on: {
      connected: () => onStatus('connected'),
      connecting: () => onStatus('connecting'),
      closed: () => onStatus('closed'),
    },
  });
}
