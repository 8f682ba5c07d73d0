import { afterAll, beforeAll, expect, type MockInstance, vi } from "vitest";

/**
 * The one-time codes (验证码) the local SMS sink texts, read from the API's output: the sink
 * prints each SMS whole there (the stored text blanks the code), and the test's API runs in
 * the test's process. Call at the top of a test file; the answer reads the newest code texted
 * to a masked mobile since a mark.
 */
export function useTextedCodes() {
  let output: MockInstance<typeof console.log> | undefined;
  beforeAll(() => {
    output = vi.spyOn(console, "log");
  });
  afterAll(() => output?.mockRestore());
  const calls = () => output?.mock.calls ?? [];
  return {
    /** The place in the output to read after (take it before asking for a code). */
    mark: () => calls().length,
    /** The newest code texted to this (masked) mobile, e.g. 138****8000, since `after`. */
    async codeTextedTo(masked: string, after: number): Promise<string> {
      let code = "";
      await expect
        .poll(
          () => {
            const lines = calls()
              .slice(after)
              .map((args) => args.join(" "));
            const line = lines.findLast((l) => l.includes(`→ ${masked}: `));
            code = /验证码(\d{6})/.exec(line ?? "")?.[1] ?? "";
            return code;
          },
          { timeout: 15_000 },
        )
        .toMatch(/^\d{6}$/);
      return code;
    },
  };
}
