import { useSignal } from '@preact/signals';
import { useLocation } from 'preact-iso/router';
import { lockNoticesZhCN } from '../i18n/areas/lock-notices.zh-cn';
import { addScreenMessages, t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { lockAfterSignIn, signedOutNotice } from '../lock/lock-state';

import { isOnline } from '../status/network';
import { session } from '../status/session';
import { signIn } from '../status/sign-in';

// Why the user was signed out (lock-state.ts): needed only here, so it loads with this screen.
addScreenMessages(lockNoticesZhCN);

const REASON_MESSAGES: Record<'invalid_credentials' | 'rate_limited' | 'offline' | 'server', MessageKey> = {
  invalid_credentials: 'login.invalid',
  rate_limited: 'login.rateLimited',
  offline: 'login.offline',
  server: 'login.server',
};

/** 登录. The first sign-in needs the network; afterwards the stored session opens the app offline. */
export function LoginScreen() {
  const { route } = useLocation();
  const username = useSignal('');
  const password = useSignal('');
  const error = useSignal<MessageKey | undefined>(undefined);
  const busy = useSignal(false);
  const expired = session.value?.expired === true;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    if (!username.value.trim() || !password.value) {
      error.value = 'login.missing';
      return;
    }
    busy.value = true;
    error.value = undefined;
    try {
      const result = await signIn(username.value.trim(), password.value);
      if (result.ok) {
        await lockAfterSignIn(result.session.user.id);
        route('/', true);
      } else error.value = REASON_MESSAGES[result.reason];
    } catch (failure) {
      console.error('sign-in failed', failure);
      error.value = 'login.server';
    } finally {
      busy.value = false;
    }
  };

  return (
    <main class="screen login">
      <div class="login__brand">
        <img class="login__logo" src="/icons/icon.svg" alt="" width={72} height={72} />
        <h1 class="login__name">{t('app.name')}</h1>
        <p class="login__intro">{t('login.intro')}</p>
      </div>
      <form class="login__form" onSubmit={submit} noValidate>
        {signedOutNotice.value && (
          <p class="notice notice--warning" role="status">
            {t(`lock.notice.${signedOutNotice.value.reason}`)}
          </p>
        )}
        {expired && <p class="notice notice--warning">{t('login.expiredHint')}</p>}
        {!isOnline.value && !error.value && <p class="notice notice--warning">{t('login.offline')}</p>}
        <div class="field">
          <label class="field__label" for="username">
            {t('login.username')}
          </label>
          <input
            class="input"
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            maxLength={64}
            value={username.value}
            onInput={(e) => (username.value = e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="field__label" for="password">
            {t('login.password')}
          </label>
          <input
            class="input"
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={256}
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </div>
        {error.value && (
          <p class="notice notice--error" role="alert">
            {t(error.value)}
          </p>
        )}
        <button type="submit" class="button button--primary button--block" disabled={busy.value}>
          {busy.value ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
