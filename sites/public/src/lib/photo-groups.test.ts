import { describe, expect, it } from "vitest";
import { type FileLike, photoGroups } from "./photo-groups";

describe("the tracking view's photo groups", () => {
  it("put the resident's photos first, the cadre's after photos apart, and no PDF", () => {
    const files: (FileLike & { id: string })[] = [
      { id: "after", kind: "photo", by: "staff" },
      { id: "mine", kind: "photo", by: "resident" },
      { id: "minutes", kind: "pdf", by: "staff" },
    ];
    expect(photoGroups(files)).toEqual([
      { by: "resident", files: [files[1]] },
      { by: "staff", files: [files[0]] },
    ]);
    expect(photoGroups([])).toEqual([]);
  });
});
