import { describe, expect, it } from "vitest";
import {
  type FileView,
  formatBytes,
  groupFiles,
  readEvidenceFiles,
  safeFileHref,
  takesEvidence,
  thumbnailSize,
} from "./evidence";

const id = (n: number) => `u${String(n).padStart(22, "A")}`;

function form(values: string[]) {
  const f = new FormData();
  for (const v of values) f.append("evidenceFiles", v);
  return f;
}

const file = (over: Partial<FileView>): FileView => ({
  fileId: id(1),
  kind: "photo",
  stage: "submission",
  by: "resident",
  byName: null,
  name: "IMG_0001.jpg",
  addedAt: "2026-12-01T02:00:00.000Z",
  width: 2048,
  height: 1536,
  bytes: 300_000,
  url: "http://127.0.0.1:4100/local-files/a",
  thumbnailUrl: "http://127.0.0.1:4100/local-files/t",
  linksExpireAt: "2026-12-01T02:05:00.000Z",
  ...over,
});

describe("evidence files posted with an action", () => {
  it("takes well-formed upload ids once each, at most ten, also comma-separated", () => {
    expect(readEvidenceFiles(form([id(1), `${id(2)},${id(1)}`, "bad", ""]))).toEqual([
      id(1),
      id(2),
    ]);
    const many = Array.from({ length: 12 }, (_, i) => id(i + 10));
    expect(readEvidenceFiles(form(many))).toHaveLength(10);
    expect(readEvidenceFiles(new FormData())).toEqual([]);
  });

  it("belongs to answers and notes only", () => {
    expect(takesEvidence("answer")).toBe(true);
    expect(takesEvidence("note")).toBe(true);
    expect(takesEvidence("respond")).toBe(false);
  });
});

describe("the concern's files", () => {
  it("are grouped by stage in order, photos and PDFs apart, oldest first", () => {
    const groups = groupFiles([
      file({ fileId: id(3), stage: "answer", by: "staff", byName: "王干部", kind: "pdf" }),
      file({ fileId: id(2), addedAt: "2026-12-01T03:00:00.000Z" }),
      file({ fileId: id(1) }),
      file({ fileId: id(4), stage: "answer", by: "staff", byName: "王干部" }),
    ]);
    expect(groups.map((g) => g.stage)).toEqual(["submission", "answer"]);
    expect(groups[0]?.photos.map((f) => f.fileId)).toEqual([id(1), id(2)]);
    expect(groups[1]?.photos.map((f) => f.fileId)).toEqual([id(4)]);
    expect(groups[1]?.pdfs.map((f) => f.fileId)).toEqual([id(3)]);
    expect(groupFiles(undefined)).toEqual([]);
  });

  it("size thumbnails at most 400 px on the long side, never enlarged", () => {
    expect(thumbnailSize({ width: 2048, height: 1536 })).toEqual({ width: 400, height: 300 });
    expect(thumbnailSize({ width: 900, height: 1200 })).toEqual({ width: 300, height: 400 });
    expect(thumbnailSize({ width: 200, height: 100 })).toEqual({ width: 200, height: 100 });
    expect(thumbnailSize({ width: null, height: 100 })).toBeNull();
  });

  it("show sizes as people read them", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(300_000)).toBe("293 KB");
    expect(formatBytes(2.4 * 1024 * 1024)).toBe("2.4 MB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
  });

  it("link only to http(s)", () => {
    expect(safeFileHref("https://f.cn/a?x=1")).toBe("https://f.cn/a?x=1");
    expect(safeFileHref("javascript:alert(1)")).toBeNull();
    expect(safeFileHref(null)).toBeNull();
  });
});
