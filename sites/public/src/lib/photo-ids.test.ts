import { describe, expect, it } from "vitest";
import { readPhotoIds, withPhotos } from "./concern-form";

const id = (c: string) => `u${c.repeat(22)}`;

describe("the photos the submission form names", () => {
  it("are well-formed distinct upload ids, at most the limit", () => {
    const form = new FormData();
    form.set("photos", ` ${id("a")},${id("b")},nope,${id("a")},${id("c")},${id("d")}`);
    expect(readPhotoIds(form, 3)).toEqual([id("a"), id("b"), id("c")]);
    expect(readPhotoIds(new FormData(), 3)).toEqual([]);
  });

  it("go into the API's body only when there are some", () => {
    const body = { villageId: "v", categoryCode: "c", description: "d" };
    expect(withPhotos(body, [])).toEqual(body);
    expect(withPhotos(body, [id("a")])).toEqual({ ...body, photos: [id("a")] });
  });
});
