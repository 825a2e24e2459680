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

/** The named type under NON_NULL / LIST wrappers. */
export function namedType(type) {
  let node = type;
  while (node && !node.name) node = node.ofType;
  return node?.name;
}

/** The fields of an input or object type: name, named type and kind. */
export async function typeFields(typeName) {
  const data = await gql(`query($n: String!) { __type(name: $n) { kind
    fields { name args { name type { kind } } type { name kind ofType { name kind ofType { name kind ofType { name } } } } }
    inputFields { name type { name kind ofType { name kind ofType { name } } } } } }`, { n: typeName });
  return data.__type;
}

/** The scalar and enum fields of an object type (and of its `nodes` when it is a connection), for plug-in panels. */
export async function selectionFor(typeName, depth = 0) {
  const type = await typeFields(typeName);
  const fields = type?.fields ?? [];
  const unwrap = (f) => {
    let node = f.type;
    while (node.kind === 'NON_NULL' || node.kind === 'LIST') node = node.ofType;
    return node;
  };
  const leaf = (f) => ['SCALAR', 'ENUM'].includes(unwrap(f).kind);
  const required = (f) => f.args.some((a) => a.type.kind === 'NON_NULL');
  const listed = (f) => (f.type.kind === 'NON_NULL' ? f.type.ofType : f.type).kind === 'LIST';
  const parts = fields.filter((f) => leaf(f) && !required(f)).map((f) => f.name);
  // One level of objects (a category, the components of an index), so their names and numbers can be shown.
  if (depth === 0) {
    for (const f of fields.filter((g) => !leaf(g) && !required(g) && !listed(g) && unwrap(g).kind === 'OBJECT' && g.name !== 'nodes')) {
      const inner = await selectionFor(unwrap(f).name, 1);
      if (inner !== '__typename') parts.push(`${f.name} { ${inner} }`);
    }
  }
  const nodes = fields.find((f) => f.name === 'nodes');
  if (nodes) return `nodes { ${await selectionFor(namedType(nodes.type), depth)} }`;
  return parts.join(' ') || '__typename';
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
