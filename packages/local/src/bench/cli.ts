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

/** `12,345` */
export const int = (n: number) => Math.round(n).toLocaleString("en-US");
/** `37.4 ms` */
export const ms = (n: number) => `${n.toFixed(1)} ms`;
/** `13 s`, `6 min 47 s` */
export function duration(millis: number): string {
  const s = Math.round(millis / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** Nearest-rank percentile (NaN of none). */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

/** Runs a script's main: exits with its code, or 1 with the stack if it throws. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
