import { describe, expect, it } from "vitest";
import { t } from "../i18n/messages";
import { sortTimeline, statusKey, steps, timelineKey } from "./status";

describe("steps", () => {
  it("marks done, current and to-do", () => {
    expect(steps("accepted").map((s) => `${s.status}:${s.state}`)).toEqual([
      "triage:done",
      "assigned:done",
      "accepted:current",
      "in_progress:todo",
      "answered:todo",
      "struck_off:todo",
    ]);
  });
  it("adds the deferred step only when deferred", () => {
    expect(steps("deferred").map((s) => s.status)).toContain("deferred");
    expect(steps("deferred").find((s) => s.state === "current")?.status).toBe("deferred");
    expect(steps("answered").map((s) => s.status)).not.toContain("deferred");
  });
  it("has everything done at the end and nothing for merged or unknown", () => {
    expect(steps("struck_off").every((s) => s.state !== "todo")).toBe(true);
    expect(steps("triage")[0]?.state).toBe("current");
    expect(steps("merged")).toEqual([]);
    expect(steps("weird")).toEqual([]);
  });
  it("labels statuses and timeline types, with fallbacks", () => {
    expect(statusKey("in_progress")).toBe("status.in_progress");
    expect(statusKey("merged")).toBe("status.merged");
    expect(statusKey("new_state")).toBe("status.unknown");
    expect(timelineKey("message")).toBe("timeline.message");
    expect(timelineKey("answered")).toBe("timeline.answered");
    expect(timelineKey("access_code_reissued")).toBe("timeline.access_code_reissued");
    expect(timelineKey("description_published")).toBe("timeline.description_published");
    expect(timelineKey("secret_internal_note")).toBe("timeline.other");
    expect(timelineKey("toString")).toBe("timeline.other");
  });
});

describe("sortTimeline", () => {
  it("puts the newest first", () => {
    const sorted = sortTimeline([
      { at: "2026-01-01T00:00:00Z", type: "submitted" },
      { at: "2026-01-03T00:00:00Z", type: "message", text: "b" },
      { at: "2026-01-01T00:00:00Z", type: "routed" },
      { at: "bad", type: "x" },
    ]);
    expect(sorted.map((e) => e.type)).toEqual(["message", "routed", "submitted", "x"]);
  });
});

describe("timeline labels", () => {
  it("labels every public event type in both languages", () => {
    const types = [
      "submitted",
      "routed",
      "triaged",
      "dispatched",
      "accepted",
      "returned",
      "responded",
      "deferred",
      "extended",
      "answered",
      "rated",
      "reopened",
      "supervised",
      "merged",
      "struck_off",
      "message",
      "access_code_reissued",
    ];
    for (const locale of ["zh-CN", "en"] as const) {
      const labels = types.map((type) => t(locale, timelineKey(type)));
      expect(new Set(labels).size, locale).toBe(types.length);
      expect(labels).not.toContain(t(locale, "timeline.other"));
    }
  });
});
