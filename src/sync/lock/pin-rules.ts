/**
 * What a PIN of the app lock must be: six digits, and not one a finder would try first. The trivial
 * ones refused are those every PIN-guessing list opens with: one digit repeated (000000), a run up
 * or down (123456, 654321), and a repeated pair or triple (121212, 123123).
 */

export const PIN_LENGTH = 6;

export type PinProblem = 'length' | 'digits' | 'trivial';

/** Why `pin` cannot be the lock's PIN, or undefined when it can. */
export function pinProblem(pin: string): PinProblem | undefined {
  if (!/^\d*$/.test(pin)) return 'digits';
  if (pin.length !== PIN_LENGTH) return 'length';
  return isTrivialPin(pin) ? 'trivial' : undefined;
}

function isTrivialPin(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, i) => digit - (digits[i] ?? 0));
  if (steps.every((step) => step === 0)) return true;
  if (steps.every((step) => step === 1) || steps.every((step) => step === -1)) return true;
  const repeats = (period: number) => [...pin].every((char, i) => char === pin[i % period]);
  return repeats(2) || repeats(3);
}
