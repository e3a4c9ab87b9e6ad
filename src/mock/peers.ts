// Optional peer dependencies (Prism for the HTTP mock; ajv and msw for the in-process sandbox and the MSW
// handlers): when one is missing, say which and give the install line, built from this package's own
// `peerDependencies` so the versions are never kept by hand. Browser-safe.

/** `npm install --save-dev name@range ...`, the ranges read from package.json's peerDependencies. */
export async function installLine(names: readonly string[]): Promise<string> {
  const { default: manifest } = await import('../../package.json', { with: { type: 'json' } });
  const peers = manifest.peerDependencies as Record<string, string>;
  return `npm install --save-dev ${names.map((name) => (peers[name] ? `${name}@${peers[name]}` : name)).join(' ')}`;
}

/**
 * Run `load`; if it fails because peers are missing (each probed with its loader), throw an error that names them
 * and gives the install line. Any other failure is thrown as it is.
 */
export async function importPeers<T>(
  feature: string,
  probes: Record<string, () => Promise<unknown>>,
  load: () => Promise<T>,
  label?: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing: string[] = [];
    for (const [name, probe] of Object.entries(probes)) {
      await probe().catch(() => missing.push(name));
    }
    if (missing.length === 0) throw error;
    const what = missing.length === 1 ? 'an optional peer dependency' : 'optional peer dependencies';
    throw new Error(
      `${feature} needs ${label ? `${label} (${missing.join(', ')})` : missing.join(', ')}, ${what} of ryzeapi-chat-contract. Install ${missing.length === 1 ? 'it' : 'them'} with:\n` +
        `  ${await installLine(missing)}\n(${String((error as Error).message).split('\n')[0]})`,
    );
  }
}
