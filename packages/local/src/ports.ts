import { createServer } from "node:net";
import { FriendlyError } from "./errors.js";

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port found"))));
    });
  });
}

/**
 * True if `port` can be bound both on 127.0.0.1 and on every interface. Both are tried because
 * Node listens with SO_REUSEADDR, so a wildcard bind succeeds next to a server that holds only
 * 127.0.0.1 (and the other way round); the JVM and the site bind one or the other.
 */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ["127.0.0.1", "0.0.0.0", "::"]) {
    if (!(await canListen(port, host))) return false;
  }
  return true;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      // No IPv6 on this machine is not a busy port.
      resolve(host === "::" && error.code === "EAFNOSUPPORT");
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws a one-line {@link FriendlyError} when `port` is taken, naming the environment variable
 * that moves it: "port 8000 is busy: stop what uses it or set DYNAMODB_PORT".
 */
export async function assertPortFree(port: number, envName: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new FriendlyError(`port ${port} is busy: stop what uses it or set ${envName}`);
  }
}

/** Reads a port number from the environment, with a one-line error for nonsense values. */
export function portFromEnv(envName: string, fallback: number): number {
  const raw = process.env[envName];
  if (raw === undefined || raw.trim() === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FriendlyError(`${envName}=${raw} is not a port number (0-65535)`);
  }
  return port;
}
