import { createClient } from 'graphql-ws';
import { authHeaders, connectionParams } from '../session/session.js';

export { authHeaders };

const endpoint = '/graphql';

/** A GraphQL request the server refused or failed: its HTTP status, the errors' codes and messages. */
export class GraphQLRequestError extends Error {
  constructor(message, { status, codes, url }) {
    super(message);
    this.status = status;
    this.codes = codes;
    this.url = url;
  }
}

/** POSTs a query with the page's token; a refusal or an error throws a GraphQLRequestError for the panel to explain. */
export async function gql(query, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => null);
  if (!body || body.errors?.length || !response.ok) {
    const errors = body?.errors ?? [];
    throw new GraphQLRequestError(errors.map((e) => e.message).join('; ') || `HTTP ${response.status}`, {
      status: response.status, codes: errors.map((e) => e.extensions?.code).filter(Boolean), url: response.url,
    });
  }
  return body.data;
}

// Close codes after which trying again cannot help: refused (4403), bad message (4400), unauthorised (4401),
// duplicate id (4409), too many (4429).
const FINAL_CLOSE_CODES = new Set([4400, 4401, 4403, 4409, 4429]);

/** One graphql-ws client for the page; `onStatus` hears connecting, connected, closed and refused (a final close). */
export function liveClient(onStatus) {
  const url = new URL(endpoint, location.href).href.replace(/^http/, 'ws');
  return createClient({
    url,
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: (event) => !FINAL_CLOSE_CODES.has(event?.code),
    connectionParams,
    // A refused socket is shown by the live panel (onStatus 'refused'), not written to the console as an error.
    onNonLazyError: () => {},
    on: {
      connected: () => onStatus('connected'),
      connecting: () => onStatus('connecting'),
      closed: (event) => onStatus(FINAL_CLOSE_CODES.has(event?.code) ? 'refused' : 'closed', event),
    },
  });
}
