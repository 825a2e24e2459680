import { t } from './i18n.js';

// Every answer the server refused or failed, and the panel that says so. The page never hides one: each is listed here
// with the words shown, so the browser tests can match every 4xx/5xx they saw to the explanation on the page.
export const problems = [];

/**
 * Remembers a refused or failed request (`error` from api.js, a tile or a sign-in) as explained by the element whose id
 * is `panel`, in `text`; returns the words, for the caller to show there.
 */
export function explain(panel, error, text = refusal(error)) {
  problems.push({ panel, url: error?.url ?? null, status: error?.status ?? null, codes: error?.codes ?? [], message: error?.message ?? String(error), text });
  return text;
}

/**
 * The words for a refusal: sign in (no token), not for this role (a token that may not), a token the server no longer
 * takes, or the server's own message.
 */
export function refusal(error) {
  const codes = error?.codes ?? [];
  if (codes.includes('AUTH_REQUIRED')) return t('needsSignIn');
  if (codes.includes('FORBIDDEN')) return t('forbiddenForRole', { message: error.message });
  if (codes.includes('UNAUTHENTICATED')) return t('tokenRefused', { message: error.message });
  return t('loadFailed', { message: error?.message ?? String(error) });
}

/** Shows a panel's state: `filled`, `empty`, `refused` or `failed` (data-state, read by the tests and by CSS). */
export function markPanel(id, state) {
  const element = document.getElementById(id);
  if (element) element.dataset.state = state;
}

export function isRefusal(error) {
  const codes = error?.codes ?? [];
  return codes.includes('AUTH_REQUIRED') || codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED');
}
