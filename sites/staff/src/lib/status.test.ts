import { describe, expect, it } from "vitest";
import { channelKey, eventKey, sortTimeline, statusKey } from "./status";

describe("labels", () => {
  it("knows statuses, events and channels, and falls back", () => {
    expect(statusKey("in_progress")).toBe("status.in_progress");
    expect(statusKey("archived")).toBe("status.unknown");
    expect(eventKey("noted")).toBe("ev.noted");
    expect(eventKey("teleported")).toBe("ev.other");
    expect(channelKey("office_hours")).toBe("channel.office_hours");
    expect(channelKey("fax")).toBeNull();
  });
  it("sorts the timeline oldest first, by seq on equal times", () => {
    const at = "2026-12-01T01:00:00Z";
    const sorted = sortTimeline([
      { at: "2026-12-02T00:00:00Z", seq: 3 },
      { at, seq: 2 },
      { at, seq: 1 },
      { at: "bad", seq: 0 },
    ]);
    expect(sorted.map((e) => e.seq)).toEqual([1, 2, 3, 0]);
  });
});
