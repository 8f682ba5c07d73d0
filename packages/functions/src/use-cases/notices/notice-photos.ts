import {
  type ConcernFile,
  DomainError,
  NOTICE_PHOTOS_MAX,
  type NoticePhoto,
  type NoticePhotoView,
  noticePhotoCandidates,
  type StoredNotice,
  UploadId,
} from "@lianxin/core";
import * as z from "zod/mini";
import type { Deps } from "../../deps.js";
import { concernFileKeys, noticePhotoKeys } from "../../files/file-keys.js";

/** What admin sends when approving: the "after" photos to publish (none by default). */
export const NoticeApproval = z.strictObject({
  photos: z.optional(
    z.array(UploadId).check(
      z.maxLength(NOTICE_PHOTOS_MAX),
      z.refine((ids) => new Set(ids).size === ids.length, "同一照片重复 (a photo is named twice)"),
    ),
  ),
});

/** A published notice's photos with their lasting public URLs (the CDN's, or the local store's). */
export function noticePhotoViews(deps: Deps, notice: StoredNotice): NoticePhotoView[] {
  return (notice.photos ?? []).map((photo) => {
    const keys = noticePhotoKeys(notice.id, photo.fileId);
    return {
      ...photo,
      url: deps.files.publicUrl(keys.main),
      thumbnailUrl: deps.files.publicUrl(keys.thumbnail),
    };
  });
}

/**
 * The photos admin chose, checked against the concern's candidates (the cadre's answer
 * photos: never the resident's), in the order chosen. A file that is not a candidate is a 400
 * naming its position.
 */
export function chosenNoticePhotos(
  chosen: readonly string[],
  files: readonly ConcernFile[],
): { file: ConcernFile; photo: NoticePhoto }[] {
  const candidates = noticePhotoCandidates(files);
  return chosen.map((fileId, i) => {
    const file = candidates.find((f) => f.fileId === fileId);
    if (!file) {
      throw new DomainError("validation_failed", {
        fields: {
          photos: {
            kind: "invalid",
            message: {
              "zh-CN": `第${i + 1}张照片不能公示：只可公示答复时上传的整改照片`,
              en: `Photo ${i + 1} cannot be published: only the answer's "after" photos can`,
            },
          },
        },
      });
    }
    return { file, photo: { fileId: file.fileId, width: file.width, height: file.height } };
  });
}

/**
 * Copies the chosen photos (and thumbnails) to the public place before the notice is
 * published; `undo` removes the copies if publishing then fails, so nothing unpublished
 * stays public.
 */
export async function copyNoticePhotos(
  deps: Deps,
  noticeId: string,
  chosen: readonly { file: ConcernFile }[],
): Promise<{ undo: () => Promise<void> }> {
  const copies = chosen.flatMap(({ file }) => {
    const from = concernFileKeys(file);
    const to = noticePhotoKeys(noticeId, file.fileId);
    return [
      { from: from.main, to: to.main },
      ...(from.thumbnail ? [{ from: from.thumbnail, to: to.thumbnail }] : []),
    ];
  });
  await Promise.all(copies.map((c) => deps.files.copy(c.from, c.to)));
  return {
    undo: async () => {
      await Promise.all(copies.map((c) => deps.files.remove(c.to))).catch(() => undefined);
    },
  };
}
