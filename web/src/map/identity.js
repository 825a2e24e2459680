import { signOut } from '../session/session.js';
import { createSwitcher } from '../session/switcher.js';
import { lang, t } from './i18n.js';
import { explain } from './problems.js';

// Who the page asks as, at the top of the panel: the persona or role (and its area), the demo's persona switcher in
// demo mode, a way to sign out, and why a sign-in failed.

export function createIdentity({ element, demo, caller, signInFailure, jurisdictionName }) {
  const who = element.querySelector('#who');
  const note = element.querySelector('#identity-note');
  const out = element.querySelector('#sign-out');
  let switcher = null;
  out.hidden = !caller.signedIn;
  out.addEventListener('click', () => {
    signOut();
    const query = new URLSearchParams(location.search);
    query.delete('token');
    query.delete('persona');
    location.assign(`${location.pathname}${query.size ? `?${query}` : ''}`);
  });
  const failureText = () => t('signInFailed', { message: signInFailure.codes?.includes('DEMO_OFF') ? t('demoOff') : signInFailure.message });
  if (signInFailure) {
    explain('identity-note', signInFailure, failureText());
    note.dataset.state = 'failed';
  }

  async function start() {
    if (!demo) return;
    switcher = await createSwitcher(element.querySelector('#switcher'), {
      texts: () => ({ label: t('personaLabel'), choose: t('personaChoose'), custom: t('personaCustom'),
        failed: (message) => t('personasFailed', { message }) }),
      personaLabel,
      onError: (error, text) => explain('switcher', error, text),
    });
  }

  function render() {
    const persona = caller.persona;
    const role = persona ? personaLabel(persona) : caller.role ? t(`roles.${caller.role}`) : t('signedIn');
    const area = caller.jurisdiction ? jurisdictionName(caller.jurisdiction) : null;
    who.textContent = area ? `${role} · ${area}` : role;
    element.dataset.role = caller.role ?? '';
    element.dataset.persona = persona?.id ?? '';
    out.textContent = t('signOut');
    note.textContent = signInFailure ? failureText() : !demo && !caller.signedIn ? t('signInHint') : '';
    switcher?.relabel();
  }

  return { start, render };
}

function personaLabel(persona) {
  return lang() === 'en' ? persona.labelEn ?? persona.label ?? persona.id : persona.label ?? persona.id;
}
