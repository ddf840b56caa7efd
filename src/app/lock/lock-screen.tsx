/**
 * 输入 PIN 解锁: shown instead of every screen on a cold start and after 10 minutes away, so no
 * resident's data is on screen (or in the page) until the PIN or the platform authenticator
 * opens it. Works offline: the check is against the hash on the device. Five wrong PINs sign the
 * user out and keep their records (app-lock.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { loadLock } from '../../sync/lock/lock-store';
import { t } from '../i18n/i18n';
import { session } from '../status/session';
import { appLock } from './lock-state';
import { PinPad } from './pin-pad';
import { platformUnlockAvailable, verifyPlatformUnlock } from './platform-unlock';
import './lock.css';

type Message = { key: 'lock.wrong'; left: number } | { key: 'lock.wrongLast' | 'lock.platformRefused' };

export function LockScreen() {
  const [message, setMessage] = useState<Message | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [credentialId, setCredentialId] = useState<string | undefined>(undefined);
  const name = session.value?.user.name ?? '';

  useEffect(() => {
    const userId = appLock.userId;
    if (!userId) return;
    void Promise.all([loadLock(userId), platformUnlockAvailable()]).then(([row, available]) => {
      if (row?.credentialId && available) setCredentialId(row.credentialId);
    });
  }, []);

  const tryPin = async (pin: string) => {
    setBusy(true);
    const result = await appLock.unlockWithPin(pin);
    setBusy(false);
    if (result.ok || 'signedOut' in result) return;
    setMessage(
      result.attemptsLeft === 1
        ? { key: 'lock.wrongLast' }
        : { key: 'lock.wrong', left: result.attemptsLeft },
    );
  };

  const tryPlatform = async () => {
    if (!credentialId) return;
    setBusy(true);
    const verified = await verifyPlatformUnlock(credentialId);
    setBusy(false);
    if (verified) await appLock.unlockWithPlatform();
    else setMessage({ key: 'lock.platformRefused' });
  };

  return (
    <main class="lock" aria-labelledby="lock-title">
      <div class="lock__head">
        <img class="lock__logo" src="/icons/icon.svg" alt="" width={48} height={48} />
        <h1 id="lock-title" class="lock__title">
          {t('lock.unlockTitle')}
        </h1>
        <p class="lock__intro">{t('lock.unlockIntro', { name })}</p>
      </div>
      <p class="lock__error" role="alert">
        {busy
          ? t('lock.checking')
          : message
            ? t(message.key, 'left' in message ? { left: message.left } : {})
            : ''}
      </p>
      {credentialId && (
        <div class="lock__actions">
          <button
            type="button"
            class="button button--secondary button--block button--large"
            disabled={busy}
            onClick={() => void tryPlatform()}
          >
            {t('lock.platformUnlock')}
          </button>
        </div>
      )}
      <PinPad onComplete={(pin) => void tryPin(pin)} disabled={busy} />
      <button
        type="button"
        class="button button--quiet button--block lock__forgot"
        disabled={busy}
        onClick={() => void appLock.forceSignOut('forgot-pin')}
      >
        {t('lock.forgot')}
      </button>
    </main>
  );
}
