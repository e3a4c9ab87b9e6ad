// How this repository starts Chromium: Debian's binary (CHROMIUM_PATH, else /usr/bin/chromium; nothing downloads a
// browser) with the flags the team agreed on, for the docs' browser test, the runtime tests and the docs bench.

/** The flags every Chromium launch here uses. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Options for playwright-core's `chromium.launch`: the binary and the flags, plus `extra` flags.
 * @param {string[]} [extra]
 */
export function chromiumLaunchOptions(extra = []) {
  return { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: [...CHROMIUM_FLAGS, ...extra] };
}
