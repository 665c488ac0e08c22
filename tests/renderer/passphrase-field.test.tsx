import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';
import { I18nProvider } from '../../renderer/src/i18n/index.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { PassphraseField } from '../../renderer/src/vault/PassphraseField.tsx';

/** The lock screen's field: Show/Hide, and the Caps Lock warning from the key events' modifier state. */
function Harness() {
  const [value, setValue] = useState('');
  return <PassphraseField label="Passphrase" value={value} onChange={setValue} />;
}

describe('PassphraseField', () => {
  test('warns while Caps Lock is on, and the toggle shows and hides the passphrase', () => {
    render(
      <I18nProvider>
        <Harness />
      </I18nProvider>,
    );
    const input = screen.getByLabelText('Passphrase') as HTMLInputElement;
    expect(input.type).toBe('password');
    fireEvent.keyDown(input, { key: 'A', modifierCapsLock: true });
    expect(screen.getByTestId('caps-lock').textContent).toBe(en.app.lock.capsLock);
    expect(input.getAttribute('aria-describedby')).toContain(screen.getByTestId('caps-lock').id);
    fireEvent.keyUp(input, { key: 'a', modifierCapsLock: false });
    expect(screen.queryByTestId('caps-lock')).toBeNull();
    const toggle = screen.getByRole('button', { name: en.app.lock.showLabel });
    fireEvent.click(toggle);
    expect(input.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(input.type).toBe('password');
  });
});
