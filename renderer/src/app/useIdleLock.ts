import { useEffect, useRef } from 'react';

/**
 * Locks after `seconds` without keyboard, mouse or touch input. Time is read from the wall clock on
 * every check, so a laptop that slept past the limit locks as soon as it wakes.
 */
export function useIdleLock(active: boolean, seconds: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, touch, { passive: true, capture: true });
    const check = () => {
      if (Date.now() - last >= seconds * 1000) onIdleRef.current();
    };
    const timer = window.setInterval(check, Math.min(1000, Math.max(250, (seconds * 1000) / 4)));
    document.addEventListener('visibilitychange', check);
    return () => {
      for (const name of events) window.removeEventListener(name, touch, { capture: true });
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [active, seconds]);
}
