import { caller, personas } from './session.js';

// The demo's persona switcher, on the map and on GraphiQL: lists /demo/personas and signs the chosen one in by
// loading the page again with ?persona=<id> (the same path as the links scripts/run prints), so every panel, tile and
// socket starts over as that person. Only built in demo mode; the server refuses demo sign-in otherwise.

/**
 * Fills `element` with a labelled <select>. `texts()` gives the words in the page's language: { label, choose, custom,
 * failed(message) }; `personaLabel(persona)` names one; `onError(error, text)` hears a failed listing. Resolves to
 * { personas, relabel() }, relabel() writing the words again after a language switch.
 */
export async function createSwitcher(element, { texts, personaLabel, onError }) {
  element.hidden = false;
  element.replaceChildren();
  let list;
  try {
    list = await personas();
  } catch (error) {
    element.textContent = texts().failed(error.message);
    element.dataset.state = 'failed';
    onError?.(error, element.textContent);
    return { personas: [], relabel: () => (element.textContent = texts().failed(error.message)) };
  }
  const current = caller();
  const label = document.createElement('label');
  const caption = document.createElement('span');
  const select = document.createElement('select');
  select.id = 'persona';
  const selected = current.persona?.id ?? (current.signedIn ? '' : 'public');
  const placeholder = list.some((p) => p.id === selected) ? null : option('', '');
  if (placeholder) select.append(placeholder);
  for (const persona of list) select.append(option(persona.id, ''));
  const relabel = () => {
    caption.textContent = texts().label;
    if (placeholder) placeholder.textContent = current.signedIn ? texts().custom : texts().choose;
    for (const element of select.options) {
      const persona = list.find((p) => p.id === element.value);
      if (persona) element.textContent = personaLabel(persona);
    }
  };
  relabel();
  select.value = list.some((p) => p.id === selected) ? selected : '';
  select.addEventListener('change', () => {
    if (!select.value) return;
    const query = new URLSearchParams(location.search);
    query.delete('token');
    query.set('persona', select.value);
    location.assign(`${location.pathname}?${query}`);
  });
  label.append(caption, select);
  element.append(label);
  element.dataset.state = 'ready';
  element.dataset.persona = select.value;
  return { personas: list, relabel };
}

function option(value, text) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  return element;
}
