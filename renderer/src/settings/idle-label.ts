import type { Messages } from '../i18n/index.tsx';

/** "10 minutes" or, for a time that is not whole minutes, "90 seconds". */
export function idleLabelFor(seconds: number, t: Messages, number: (value: number) => string): string {
  if (seconds % 60 === 0) return t.settings.minutes(seconds / 60, number(seconds / 60));
  return t.settings.seconds(number(seconds));
}
