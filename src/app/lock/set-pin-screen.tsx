/**
 * 设置解锁 PIN, at the first sign-in on this device: six digits twice (trivial ones refused), then,
 * where the phone has a fingerprint or face sensor, the offer of 指纹/面容解锁 beside the PIN.
 */
import { useEffect, useState } from 'preact/hooks';
import { pinProblem } from '../../sync/lock/pin-rules';
import { t } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-cn';
import { session } from '../status/session';
import { appLock } from './lock-state';
import { PinPad } from './pin-pad';
import { platformUnlockAvailable, registerPlatformUnlock } from './platform-unlock';
import './lock.css';

type Step = { name: 'enter' } | { name: 'confirm'; pin: string } | { name: 'platform'; pin: string };

export function SetPinScreen() {
  const [step, setStep] = useState<Step>({ name: 'enter' });
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [platform, setPlatform] = useState(false);

  useEffect(() => {
    void platformUnlockAvailable().then(setPlatform);
  }, []);

  const finish = async (pin: string, credentialId?: string) => {
    setBusy(true);
    const problem = await appLock.setPin(pin, credentialId);
    if (problem) {
      setBusy(false);
      setError(problem === 'trivial' ? 'lock.trivial' : 'lock.mismatch');
      setStep({ name: 'enter' });
    }
  };

  const onComplete = (pin: string) => {
    if (step.name === 'enter') {
      if (pinProblem(pin)) {
        setError('lock.trivial');
        return;
      }
      setError(undefined);
      setStep({ name: 'confirm', pin });
      return;
    }
    if (step.name !== 'confirm') return;
    if (pin !== step.pin) {
      setError('lock.mismatch');
      setStep({ name: 'enter' });
      return;
    }
    setError(undefined);
    if (platform) setStep({ name: 'platform', pin });
    else void finish(pin);
  };

  const enablePlatform = async (pin: string) => {
    const user = session.value?.user;
    setBusy(true);
    const credentialId = user ? await registerPlatformUnlock(user) : undefined;
    if (!credentialId) {
      setBusy(false);
      setError('lock.platformFailed');
      return;
    }
    await finish(pin, credentialId);
  };

  if (step.name === 'platform')
    return (
      <main class="lock" aria-labelledby="lock-title">
        <div class="lock__head">
          <h1 id="lock-title" class="lock__title">
            {t('lock.platformTitle')}
          </h1>
          <p class="lock__intro">{t('lock.platformIntro')}</p>
        </div>
        {error && (
          <p class="notice notice--warning lock__error" role="alert">
            {t(error)}
          </p>
        )}
        <div class="lock__actions">
          {!error && (
            <button
              type="button"
              class="button button--primary button--block button--large"
              disabled={busy}
              onClick={() => void enablePlatform(step.pin)}
            >
              {t('lock.platformEnable')}
            </button>
          )}
          <button
            type="button"
            class="button button--secondary button--block button--large"
            disabled={busy}
            onClick={() => void finish(step.pin)}
          >
            {t('lock.platformSkip')}
          </button>
        </div>
      </main>
    );

  const confirming = step.name === 'confirm';
  return (
    <main class="lock" aria-labelledby="lock-title">
      <div class="lock__head">
        <h1 id="lock-title" class="lock__title">
          {t(confirming ? 'lock.confirmTitle' : 'lock.setTitle')}
        </h1>
        <p class="lock__intro">{t(confirming ? 'lock.confirmIntro' : 'lock.setIntro')}</p>
      </div>
      <p class="lock__error" role="alert">
        {error ? t(error) : ''}
      </p>
      <PinPad key={step.name} onComplete={onComplete} disabled={busy} />
    </main>
  );
}
