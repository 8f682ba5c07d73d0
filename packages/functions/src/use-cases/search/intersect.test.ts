import { describe, expect, it } from "vitest";
import { intersectPages, type PostingPage } from "./intersect.js";

const page = (sorts: string[], more = false): PostingPage => ({
  postings: sorts.map((sort) => ({ sort, ledgerNo: sort, villageId: "v", restricted: false })),
  more,
});
const sorts = (r: ReturnType<typeof intersectPages>) => r.matches.map((p) => p.sort);

describe("intersectPages", () => {
  it("keeps what every term holds, newest first, and ends the month when all pages are whole", () => {
    const r = intersectPages([page(["9", "7", "5", "3"]), page(["8", "7", "3", "1"])]);
    expect(sorts(r)).toEqual(["7", "3"]);
    expect(r.next).toBeNull();
  });

  it("answers only above the highest cut, and reads on from there", () => {
    // The second term's page stopped at 6: below it, nothing is known of that term yet.
    const r = intersectPages([page(["9", "7", "5", "3"], true), page(["9", "8", "7", "6"], true)]);
    expect(sorts(r)).toEqual(["9", "7"]);
    expect(r.next).toBe("6");
  });

  it("ends the month when a whole page holds nothing below the cut", () => {
    const r = intersectPages([page(["9", "7"]), page(["9", "8", "7", "6"], true)]);
    expect(sorts(r)).toEqual(["9", "7"]);
    expect(r.next).toBeNull();
    expect(intersectPages([page([]), page(["5"], true)])).toEqual({ matches: [], next: null });
  });

  it("reads on when a whole page still holds postings below the cut", () => {
    const r = intersectPages([page(["9", "4", "2"]), page(["9", "8", "7", "6"], true)]);
    expect(sorts(r)).toEqual(["9"]);
    expect(r.next).toBe("6");
  });

  it("takes one term's page as it is", () => {
    expect(sorts(intersectPages([page(["3", "2"], true)]))).toEqual(["3", "2"]);
    expect(intersectPages([])).toEqual({ matches: [], next: null });
  });
});
