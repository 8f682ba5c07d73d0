/** What the benchmark scripts share on the command line: refusing bad options, printing lines. */

/** Stops the script with a usage error (exit code 2). */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** An option that must be a positive whole number. */
export function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} needs a positive whole number`);
  return n;
}

export const log = (line = "") => process.stdout.write(`${line}\n`);
