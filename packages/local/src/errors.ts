/**
 * An error whose message is a complete, one-line explanation for the person at the terminal
 * (what is wrong and how to fix it). The local runner prints only the message, no stack.
 */
export class FriendlyError extends Error {
  override readonly name = "FriendlyError";
}

export function isFriendlyError(error: unknown): error is FriendlyError {
  return error instanceof FriendlyError;
}
