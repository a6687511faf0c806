import type { LoginResponse, Operator } from '@plantwatch/contracts';
import { api, ApiError } from '../core/api.js';
import { h, setText } from '../core/dom.js';
import { t } from '../core/i18n.js';

/** The login form; resolves with the operator once the session cookie is set. */
export function showLogin(root: HTMLElement): Promise<Operator> {
  return new Promise((resolve) => {
    const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
    const submit = h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, t('login'));
    const form = h('form', { class: 'login', 'aria-label': t('login') }, h('h1', null, `plantwatch · ${t('title')}`), h('label', null, t('username'), username), h('label', null, t('password'), password), error, submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      api.post<LoginResponse>('/api/auth/login', { username: username.value.trim(), password: password.value }).then(
        (answer) => resolve(answer.operator),
        (e: unknown) => {
          submit.disabled = false;
          setText(error, e instanceof ApiError && e.status === 429 ? t('tooMany') : e instanceof ApiError && e.status === 401 ? t('loginFailed') : String(e));
        },
      );
    });
    root.replaceChildren(h('main', { class: 'login-page' }, form));
    username.focus();
  });
}
