// @ts-check
// A local server's life from the command line, in one place for the `ryzeapi-chat-mock` bin (./cli.ts), the mock
// server (./server.ts), the docs server (scripts/docs-server.mjs), `npm start` (scripts/start.mjs) and the
// repository's other scripts: strict flags (util.parseArgs), the port, listening and reading the port back,
// closing with every connection, readable listen errors, and a shutdown on SIGINT, SIGTERM and SIGHUP.
// Plain JavaScript with JSDoc types (checked by tsgo, emitted with its .d.ts into dist/mock/): the scripts import
// it from src/ before anything is built, and while `npm test` rebuilds dist/. Node only; not a package export.
import { parseArgs } from 'node:util';

/** @typedef {{ type: 'string' | 'boolean', multiple?: boolean, short?: string }} Flag */
/**
 * The values of parsed flags: a string or a boolean each (an array for a repeatable flag), absent when not given.
 * @template {Record<string, Flag>} O
 * @typedef {{ [K in keyof O]?: O[K]['type'] extends 'boolean' ? (O[K]['multiple'] extends true ? boolean[] : boolean) : (O[K]['multiple'] extends true ? string[] : string) }} FlagValues
 */

/**
 * Parse `args` strictly (util.parseArgs: an unknown flag, a flag without its value or a stray positional is an
 * error). On an error, print it with the usage to stderr and exit 2; on --help / -h, print the usage and exit 0.
 * @template {Record<string, Flag>} O
 * @param {{ options: O, usage: string, args?: string[] }} config
 * @returns {FlagValues<O>}
 */
export function parseCommandLine({ options, usage, args = process.argv.slice(2) }) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (/** @type {{ help?: boolean }} */ (values).help) {
    console.log(usage);
    process.exit(0);
  }
  return /** @type {FlagValues<O>} */ (values);
}

/**
 * A port from a flag's value, else the environment variable (when set and not empty), else the fallback. Exits with
 * a clear message (code 2; followed by `usage` when given) when it is not a whole number from 0 to 65535.
 * @param {string | undefined} flagValue
 * @param {{ flag: string, envName: string, fallback: number, usage?: string }} config
 * @returns {number}
 */
export function portValue(flagValue, { flag, envName, fallback, usage }) {
  const raw = flagValue ?? (process.env[envName] || String(fallback));
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) {
    const message = `Invalid port "${raw}": give a whole number from 0 to 65535 (${envName}=${fallback} or --${flag} ${fallback}).`;
    console.error(usage === undefined ? message : `${message}\n\n${usage}`);
    process.exit(2);
  }
  return port;
}

/**
 * Listen on `port` (0 picks a free one) and `host`; resolves with the port really bound and the URL, rejects when
 * the server cannot listen. Later server errors go to `onError` (by default they are ignored): never fatal.
 * @param {import('node:http').Server} server
 * @param {{ port: number, host: string, onError?: (error: Error) => void }} config
 * @returns {Promise<{ port: number, url: string }>}
 */
export async function listen(server, { port, host, onError = () => {} }) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  server.on('error', onError);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { port: actualPort, url: `http://${urlHost}:${actualPort}` };
}

/**
 * Stop listening and close every connection, idle keep-alive ones included, so nothing holds the process or the port.
 * @param {import('node:http').Server} server
 * @returns {Promise<void>}
 */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * A readable reason for a failed listen.
 * @param {unknown} error
 * @param {{ what: string, host: string, port: number, hint: string }} config `hint`: how to pick another port,
 *   such as `PORT=...` or `--port 4020`.
 * @returns {string}
 */
export function listenError(error, { what, host, port, hint }) {
  const reason = String(/** @type {Error | undefined} */ (error)?.message ?? error);
  return reason.includes('EADDRINUSE')
    ? `Port ${port} on ${host} is already in use, so the ${what} cannot start: stop the other server or pick another port (${hint}).`
    : `The ${what} could not start: ${reason}`;
}

/** The exit code of a process ended by a signal it did not handle: 128 + its number. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * Run `stop` once when the process is told to end (SIGINT, SIGTERM, SIGHUP), then exit 0 (1 if `stop` fails or
 * takes longer than `graceMs`).
 *
 * `exitOnRepeat`: a second signal while stopping exits at once (128 + the signal's number), like a second Ctrl-C;
 * otherwise further signals are ignored.
 * `watchParent`: also stop when the parent process goes away. Under `npm start`, npm runs the script through
 * `sh -c`; a SIGTERM to npm's pid is forwarded to that shell only, which dies without passing it on, and the
 * script would be left running (orphaned, holding its ports). Its parent changing is the sign.
 * @param {(reason: string) => Promise<unknown> | unknown} stop
 * @param {{ graceMs?: number, watchParent?: boolean, exitOnRepeat?: boolean }} [options]
 * @returns {(reason: string) => Promise<void>} the shutdown, to call directly
 */
export function onShutdown(stop, { graceMs = 5000, watchParent = false, exitOnRepeat = false } = {}) {
  let stopping = false;
  /** @param {string} reason */
  const shutdown = async (reason) => {
    if (stopping) {
      if (exitOnRepeat && reason in SIGNAL_EXIT)
        process.exit(SIGNAL_EXIT[/** @type {keyof typeof SIGNAL_EXIT} */ (reason)]);
      return;
    }
    stopping = true;
    setTimeout(() => {
      console.error(`Could not stop within ${graceMs} ms (${reason}): exiting anyway.`);
      process.exit(1);
    }, graceMs).unref();
    let code = 0;
    try {
      await stop(reason);
    } catch (error) {
      console.error(`Stopping failed: ${/** @type {Error | undefined} */ (error)?.message ?? error}`);
      code = 1;
    }
    process.exit(code);
  };
  for (const signal of Object.keys(SIGNAL_EXIT)) process.on(signal, () => void shutdown(signal));
  if (watchParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent exited');
    }, 200).unref();
  }
  return shutdown;
}
