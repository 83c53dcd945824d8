import { useEffect, useState } from 'react';

/** Phone-width screens (< 768 px), where the side menu becomes a drawer and tables shed columns. */
export const MOBILE_QUERY = '(max-width: 767.98px)';

export function useIsMobile(): boolean {
  const [mobile, setMobile] = useState(() => window.matchMedia(MOBILE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(MOBILE_QUERY);
    const update = () => setMobile(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return mobile;
}

/** A touch screen without a mouse or trackpad (phones, tablets): no hover, a coarse pointer. */
export const TOUCH_ONLY_QUERY = '(hover: none) and (pointer: coarse)';

/**
 * Whether a device offers a physical keyboard's worth of screen and pointer: false on phone-width
 * screens and on touch-only devices, where keyboard-shortcut help is noise.
 *
 * @example
 * const keyboard = useHasKeyboard(); // false on a phone
 */
export function useHasKeyboard(): boolean {
  const mobile = useIsMobile();
  const [touchOnly, setTouchOnly] = useState(() => window.matchMedia(TOUCH_ONLY_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(TOUCH_ONLY_QUERY);
    const update = () => setTouchOnly(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return !mobile && !touchOnly;
}
