// Small helpers shared by the command-line scripts (start, docs, lint): strict argument parsing with
// util.parseArgs, port validation, readable listen errors, and a shutdown that stops everything once.
import { parseArgs } from 'node:util';

/**
 * Parse `args` strictly (util.parseArgs: unknown flags, a flag without its value or a stray positional are
 * errors). On an error, print it with the usage and exit 2; on --help / -h, print the usage and exit 0.
 * @param {{ options: import('node:util').ParseArgsConfig['options'], usage: string, args?: string[] }} config
 */
export function parseCommandLine({ options, usage, args = process.argv.slice(2) }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values;
}

/**
 * A port from a flag's value, else the environment variable, else the fallback. Exits with a clear message
 * (code 2) when it is not a whole number from 0 to 65535.
 */
export function portValue(flagValue, { flag, envName, fallback }) {
  const raw = flagValue ?? (process.env[envName] || String(fallback));
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) {
    console.error(`Invalid port "${raw}": give a whole number from 0 to 65535 (${envName}=${fallback} or --${flag} ${fallback}).`);
    process.exit(2);
  }
  return port;
}

/** A readable reason for a failed listen. */
export function listenError(error, what, host, port, envName) {
  const reason = String(error?.message ?? error);
  return reason.includes('EADDRINUSE')
    ? `Port ${port} on ${host} is already in use, so the ${what} cannot start: stop the other server or pick another port (${envName}=...).`
    : `The ${what} could not start: ${reason}`;
}

/**
 * Run `stop` once when the process is told to end (SIGINT, SIGTERM, SIGHUP), then exit 0 (1 if `stop` fails or
 * takes longer than `graceMs`). Further signals while stopping are ignored.
 *
 * `watchParent`: also stop when the parent process goes away. Under `npm start`, npm runs the script through
 * `sh -c`; a SIGTERM to npm's pid is forwarded to that shell only, which dies without passing it on, and the
 * script would be left running (orphaned, holding its ports). Its parent changing is the sign.
 * @returns {(reason: string) => Promise<void>} the shutdown, to call directly
 */
export function onShutdown(stop, { graceMs = 5000, watchParent = false } = {}) {
  let stopping = false;
  const shutdown = async (reason) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Could not stop within ${graceMs} ms (${reason}): exiting anyway.`);
      process.exit(1);
    }, graceMs).unref();
    let code = 0;
    try {
      await stop(reason);
    } catch (error) {
      console.error(`Stopping failed: ${error?.message ?? error}`);
      code = 1;
    }
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));
  if (watchParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('parent exited');
    }, 200).unref();
  }
  return shutdown;
}
