import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FILE_TYPES, sniffFileType } from "./file-types.js";
import { displayFileName, fileRefusalMessage, screenUpload, UploadPurpose } from "./uploads.js";

/** Whatever a sender puts in the name, the type and the bytes: an answer, never a throw. */
describe("screening any upload", () => {
  it("answers every input with an acceptance or a refusal whose message names the file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UploadPurpose.options),
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 80 }),
        fc.nat({ max: 30 * 1024 * 1024 }),
        fc.uint8Array({ maxLength: 80 }),
        (purpose, name, declaredType, size, head) => {
          const result = screenUpload({ purpose, name, declaredType, size, head });
          if (result.ok) {
            expect(FILE_TYPES).toContain(result.type);
            expect(sniffFileType(head)).toBe(result.type);
          } else {
            const message = fileRefusalMessage(result.refusal);
            expect(message["zh-CN"]).toContain(`「${result.refusal.name || "未命名文件"}」`);
            expect(message.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("shows a name without control or direction characters, 60 characters at most", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (name) => {
        const shown = displayFileName(name);
        expect([...shown].length).toBeLessThanOrEqual(60);
        const codes = [...shown].map((c) => c.codePointAt(0) ?? 0);
        const invisible = (code: number) =>
          code <= 0x1f ||
          (code >= 0x7f && code <= 0x9f) ||
          [0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e].includes(code) ||
          (code >= 0x2066 && code <= 0x2069);
        expect(codes.filter(invisible)).toEqual([]);
        expect(shown).not.toMatch(/[/\\]/);
      }),
      { numRuns: 2000 },
    );
  });
});
