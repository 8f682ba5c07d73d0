/**
 * When failed sign-ins lock a username: five within any 15 minutes lock it for 15 minutes
 * from the last of them. The same rule for a username with or without an account, so that
 * the answers (and their timing) cannot tell which usernames exist. Pure: times in ms.
 */
export const SIGN_IN_FAILURES = { limit: 5, windowSeconds: 15 * 60 } as const;
export const SIGN_IN_LOCK_MS = 15 * 60 * 1000;

/**
 * Failed sign-ins from one client address in 15 minutes, whatever the usernames: stops a
 * spray across accounts, with room for an office of staff behind one address.
 */
export const SIGN_IN_FAILURES_PER_ADDRESS = {
  scope: "login_addr",
  limit: 30,
  windowSeconds: 15 * 60,
} as const;

/** The time (ms) a username's own failures lock it until, or null. */
export function lockedUntilOf(times: readonly number[]): number | null {
  if (times.length === 0) return null;
  const last = Math.max(...times);
  const inWindow = times.filter((t) => t > last - SIGN_IN_FAILURES.windowSeconds * 1000).length;
  return inWindow >= SIGN_IN_FAILURES.limit ? last + SIGN_IN_LOCK_MS : null;
}
