import { createClient } from 'graphql-ws';

const endpoint = '/graphql';

export async function gql(query, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** What the server offers beyond the needs API: fields of other features, found by introspection. */
export async function discover() {
  const data = await gql(`{ __schema { queryType { fields { name args { name type { name kind ofType { name kind ofType { name } } } }
    type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } }`);
  const fields = new Map(data.__schema.queryType.fields.map((f) => [f.name, f]));
  return { has: (name) => fields.has(name), field: (name) => fields.get(name) };
}

/** The named type under NON_NULL / LIST wrappers. */
export function namedType(type) {
  let node = type;
  while (node && !node.name) node = node.ofType;
  return node?.name;
}

/** The scalar and enum fields of an object type (and of its `nodes` when it is a connection), for plug-in panels. */
export async function selectionFor(typeName) {
  const data = await gql(`query($n: String!) { __type(name: $n) { kind fields { name args { name type { kind } } type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } }`, { n: typeName });
  const fields = data.__type?.fields ?? [];
  const leaf = (f) => {
    let node = f.type;
    while (node.kind === 'NON_NULL' || node.kind === 'LIST') node = node.ofType;
    return node.kind === 'SCALAR' || node.kind === 'ENUM';
  };
  const required = (f) => f.args.some((a) => a.type.kind === 'NON_NULL');
  const scalars = fields.filter((f) => leaf(f) && !required(f)).map((f) => f.name);
  const nodes = fields.find((f) => f.name === 'nodes');
  if (nodes) return `nodes { ${await selectionFor(namedType(nodes.type))} }`;
  return scalars.join(' ') || '__typename';
}

export function liveClient(onStatus) {
  const url = new URL(endpoint, location.href).href.replace(/^http/, 'ws');
  return createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
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
    const response = await fetch(url);
    return response.ok || response.status === 204;
  } catch {
    return false;
  }
}
