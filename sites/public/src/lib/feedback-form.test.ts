import { describe, expect, it } from "vitest";
import { COMMENT_MAX, readFeedbackForm } from "./feedback-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("readFeedbackForm", () => {
  it("accepts each rating, with and without a comment", () => {
    for (const rating of ["satisfied", "basically_satisfied", "dissatisfied"]) {
      expect(readFeedbackForm(form({ rating }))).toMatchObject({ ok: true, body: { rating } });
    }
    expect(
      readFeedbackForm(form({ rating: " satisfied ", comment: "  谢谢，路灯亮了。\n" })),
    ).toEqual({
      ok: true,
      body: { rating: "satisfied", comment: "谢谢，路灯亮了。" },
      values: { rating: "satisfied", comment: "  谢谢，路灯亮了。\n" },
    });
  });
  it("leaves an empty or blank comment out of the body", () => {
    const res = readFeedbackForm(form({ rating: "dissatisfied", comment: "   " }));
    expect(res.ok && res.body).toEqual({ rating: "dissatisfied" });
  });
  it("requires a known rating", () => {
    expect(readFeedbackForm(form({}))).toMatchObject({
      ok: false,
      problems: { rating: { key: "val.ratingRequired" } },
    });
    expect(readFeedbackForm(form({ rating: "very_satisfied" }))).toMatchObject({
      ok: false,
      problems: { rating: { key: "val.ratingUnknown" } },
    });
  });
  it("limits the comment to 500 characters after trimming", () => {
    const max = "好".repeat(COMMENT_MAX);
    expect(readFeedbackForm(form({ rating: "satisfied", comment: ` ${max} ` })).ok).toBe(true);
    const res = readFeedbackForm(form({ rating: "", comment: `${max}好` }));
    expect(res).toMatchObject({
      ok: false,
      problems: {
        rating: { key: "val.ratingRequired" },
        comment: { key: "val.commentTooLong", vars: { max: 500, n: 501 } },
      },
    });
    // What was typed comes back unchanged for the re-rendered form.
    expect(res.values.comment).toBe(`${max}好`);
  });
  it("ignores files posted in place of text", () => {
    const f = new FormData();
    f.set("rating", new Blob(["satisfied"]), "x.txt");
    expect(readFeedbackForm(f).ok).toBe(false);
  });
});
