import {
  type ConcernFile,
  FILE_LINK_SECONDS,
  type FileView,
  filesForResident,
  fileViewBase,
  sortedFiles,
} from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { concernFileKeys } from "../../files/file-keys.js";

/**
 * A concern's files as a page shows them, each with links that work for five minutes, signed
 * only after the caller passed the concern's own checks (the resident's credential, or the
 * staff member's right to view it). The resident sees their photos and the cadre's "after"
 * photos; staff see every file. A photo is shown inline; a PDF is a download, never shown.
 */
export async function fileViews(
  deps: Deps,
  concern: { answeredAt: string | null; files: readonly ConcernFile[] },
  audience: "resident" | "staff",
): Promise<FileView[]> {
  const { files } = concern;
  const shown = audience === "resident" ? filesForResident(files, concern) : sortedFiles(files);
  const linksExpireAt = new Date(deps.now().getTime() + FILE_LINK_SECONDS * 1000).toISOString();
  return Promise.all(
    shown.map(async (file) => {
      const keys = concernFileKeys(file);
      const downloadName = file.kind === "pdf" ? pdfName(file) : `${file.fileId}.jpg`;
      const [url, thumbnailUrl] = await Promise.all([
        deps.files.link(
          keys.main,
          FILE_LINK_SECONDS,
          downloadName,
          file.kind === "photo" ? "inline" : "attachment",
        ),
        keys.thumbnail
          ? deps.files.link(keys.thumbnail, FILE_LINK_SECONDS, `${file.fileId}-thumb.jpg`, "inline")
          : null,
      ]);
      return { ...fileViewBase(file, audience), url, thumbnailUrl, linksExpireAt };
    }),
  );
}

/** A PDF downloads under the name it was sent with (ending in .pdf). */
function pdfName(file: ConcernFile): string {
  return /\.pdf$/i.test(file.name) ? file.name : `${file.name}.pdf`;
}
