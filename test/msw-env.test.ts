// src/msw-env.ts (DECISIONS.md T-04): while msw loads, an unusable Node localStorage (Node 25+ without
// --localstorage-file: a non-enumerable getter that only warns) is hidden, then restored exactly; everything else is
// left alone. The real thing is proven on Node 26 by the runtime tests (test/runtimes: msw 2 there prints nothing).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hideUnusableLocalStorage } from '../src/msw-env.js';

const real = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
let reads = 0;

function defineStorage(enumerable: boolean): PropertyDescriptor {
  const descriptor = {
    get: () => {
      reads += 1;
      return undefined;
    },
    set: () => {},
    enumerable,
    configurable: true,
  };
  Object.defineProperty(globalThis, 'localStorage', descriptor);
  return descriptor;
}

beforeEach(() => {
  reads = 0;
});

afterEach(() => {
  vi.unstubAllGlobals();
  if (real) Object.defineProperty(globalThis, 'localStorage', real);
  else delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('hideUnusableLocalStorage', () => {
  it("hides Node's warning getter without reading it, and restores the very same property once", () => {
    vi.stubGlobal('navigator', { userAgent: 'Node.js/26' });
    const original = defineStorage(false);
    const restore = hideUnusableLocalStorage();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toEqual({
      value: undefined,
      writable: true,
      enumerable: false,
      configurable: true,
    });
    expect(typeof localStorage).toBe('undefined');
    restore();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toEqual(original);
    Object.defineProperty(globalThis, 'localStorage', { value: 'set later', configurable: true });
    restore(); // a second call changes nothing
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')?.value).toBe('set later');
    expect(reads).toBe(0);
  });

  it('leaves a usable Node localStorage alone (--localstorage-file given: the property is enumerable)', () => {
    vi.stubGlobal('navigator', { userAgent: 'Node.js/26' });
    const original = defineStorage(true);
    hideUnusableLocalStorage()();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toEqual(original);
    expect(reads).toBe(0);
  });

  it.each(['Deno/2.9.6', 'Bun/1.4.5', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0'])(
    'leaves other runtimes alone: %s',
    (userAgent) => {
      vi.stubGlobal('navigator', { userAgent });
      const original = defineStorage(false);
      const restore = hideUnusableLocalStorage();
      expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toEqual(original);
      restore();
      expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toEqual(original);
    },
  );

  it('does nothing where Node has no localStorage (Node 18 to 24 by default)', () => {
    vi.stubGlobal('navigator', { userAgent: 'Node.js/24' });
    delete (globalThis as { localStorage?: unknown }).localStorage;
    hideUnusableLocalStorage()();
    expect(Object.getOwnPropertyDescriptor(globalThis, 'localStorage')).toBeUndefined();
  });
});
