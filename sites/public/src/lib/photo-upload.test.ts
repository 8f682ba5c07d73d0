import { describe, expect, it } from "vitest";
import { fitWithin, isHeic, jpegName, storeError } from "./photo-upload";

describe("the phone's photo helpers", () => {
  it("know a HEIC by its type or name", () => {
    expect(isHeic({ name: "IMG_1.HEIC", type: "" })).toBe(true);
    expect(isHeic({ name: "x", type: "image/heif" })).toBe(true);
    expect(isHeic({ name: "IMG_1.jpg", type: "image/jpeg" })).toBe(false);
  });

  it("name the shrunk photo as a JPEG", () => {
    expect(jpegName("IMG_1.png")).toBe("IMG_1.jpg");
    expect(jpegName("photo")).toBe("photo.jpg");
    expect(jpegName(".png")).toBe("photo.jpg");
  });

  it("shrink to the long side, never enlarge", () => {
    expect(fitWithin(4032, 3024, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3024, 4032, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(800, 600, 2048)).toEqual({ width: 800, height: 600 });
  });

  it("read the file store's refusal", () => {
    expect(storeError("<Error><Code>EntityTooLarge</Code><Message>x</Message></Error>")).toBe(
      "EntityTooLarge",
    );
    expect(storeError("nope")).toBeNull();
  });
});
