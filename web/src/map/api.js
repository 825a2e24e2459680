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

/** What the server offers beyond the needs API: fields of other features, found by introspection. */
export async function discover() {
  const typeRef = 'type { name kind ofType { name kind ofType { name kind ofType { name } } } }';
  const data = await gql(`{ __schema { queryType { fields { name args { name ${typeRef} } ${typeRef} } }
    subscriptionType { fields { name } } } }`);
  const fields = new Map(data.__schema.queryType.fields.map((f) => [f.name, f]));
  const subscriptions = new Set((data.__schema.subscriptionType?.fields ?? []).map((f) => f.name));
  return { has: (name) => fields.has(name), field: (name) => fields.get(name), hasSubscription: (name) => subscriptions.has(name) };
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

/** Whether a URL answers (a tile route of a feature that may not be deployed yet). */
export async function routeExists(url) {
  try {
    const response = await fetch(url, { headers: authHeaders() });
    return response.ok || response.status === 204;
  } catch {
    return false;
  }
}
