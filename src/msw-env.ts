// Loaded by ./msw.ts before msw itself (DECISIONS.md T-04). Node.js 25 and later define `globalThis.localStorage`
// even when no `--localstorage-file` is given: the property is then a non-enumerable getter (nodejs/node#61333)
// that returns undefined and prints "ExperimentalWarning: localStorage is not available because
// --localstorage-file was not provided". msw 2 reads `localStorage` while it loads (its cookie store), so importing
// it printed that warning on every Node 26 run; msw 3 never reads it. While msw loads, this module hides such an
// unusable Node `localStorage` (msw then sees none, which is what the getter would have returned) and
// `restoreLocalStorage()` puts the original property back, untouched. Browsers, Deno, Bun, edge runtimes and a
// Node started with `--localstorage-file` (the property is then enumerable) are left alone.

type Restore = () => void;

/** The property as Node defines it when web storage is on but has no file: an accessor that only warns. */
function unusableNodeStorage(): PropertyDescriptor | undefined {
  const isNode =
    typeof navigator !== 'undefined' &&
    typeof navigator.userAgent === 'string' &&
    navigator.userAgent.startsWith('Node.js/');
  if (!isNode) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  if (!descriptor?.get || descriptor.enumerable || !descriptor.configurable) return undefined;
  return descriptor;
}

/** Hide an unusable Node `localStorage` until the returned function is called (idempotent). */
export function hideUnusableLocalStorage(): Restore {
  const original = unusableNodeStorage();
  if (!original) return () => {};
  Object.defineProperty(globalThis, 'localStorage', {
    value: undefined,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    Object.defineProperty(globalThis, 'localStorage', original);
  };
}

/** Called by ./msw.ts once msw has loaded. */
export const restoreLocalStorage: Restore = hideUnusableLocalStorage();
