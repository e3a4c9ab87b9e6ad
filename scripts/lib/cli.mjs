// Small helpers shared by the command-line scripts (mock, start).

/** The value of `--name VALUE`, else the environment variable, else the fallback. */
export function option(name, envName, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1];
  return process.env[envName] || fallback;
}

/** A port from `--name` or the environment; exits with a clear message (code 2) when it is not a valid port. */
export function portOption(name, envName, fallback) {
  const raw = option(name, envName, String(fallback));
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) {
    console.error(`Invalid port "${raw}": give a whole number from 0 to 65535 (${envName}=${fallback} or --${name} ${fallback}).`);
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

/** Run `stop` once on Ctrl-C or SIGTERM, then exit 0. */
export function onShutdown(stop) {
  let stopping = false;
  const handler = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
