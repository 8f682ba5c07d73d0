// The phone's side of a photo upload (issue 15), browser-only: shrink the photo (at most the
// long side core allows, JPEG, orientation applied, metadata left behind by the canvas), ask
// the site for a signed ticket, post the file straight to the ticket's URL (the file store)
// with a progress callback, then ask how the processor judged it.
import type { UploadStatus, UploadTicket } from "./photo-types";

/** HEIC/HEIF, by type or name: the browser cannot draw it and the processor refuses it. */
export function isHeic(file: { name: string; type: string }): boolean {
  return /^image\/hei[cf]/i.test(file.type) || /\.hei[cf]$/i.test(file.name);
}

/** `IMG_0001.png` → `IMG_0001.jpg`: the name must match the bytes the phone sends. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, "") || "photo";
  return `${base}.jpg`;
}

/** The size a photo is drawn at: the long side at most `maxEdge`, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge: number) {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * The photo as a JPEG of at most `maxEdge` pixels on its long side, upright (EXIF orientation
 * applied), without its metadata; null when the browser cannot decode it (the file is then
 * sent as it is and the processor judges it).
 */
export async function shrinkPhoto(
  file: File,
  maxEdge: number,
  quality = 0.85,
): Promise<File | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return null;
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxEdge);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, "image/jpeg", quality),
    );
    return blob ? new File([blob], jpegName(file.name), { type: "image/jpeg" }) : null;
  } finally {
    bitmap.close();
  }
}

export type TicketAnswer =
  | { ok: true; ticket: UploadTicket }
  | { ok: false; message: string | null };

/** A signed upload from the site's /photos/ticket (which asks the API). */
export async function askTicket(body: Record<string, unknown>): Promise<TicketAnswer> {
  try {
    const res = await fetch("/photos/ticket", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 201) return { ok: true, ticket: json as unknown as UploadTicket };
    return { ok: false, message: typeof json.message === "string" ? json.message : null };
  } catch {
    return { ok: false, message: null };
  }
}

/** The file store's refusal (S3-style XML: `<Error><Code>…</Code><Message>…</Message>`). */
export function storeError(text: string): string | null {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  return code ?? null;
}

/**
 * Post the file to the ticket's URL: every field, then the file (last), as S3's presigned POST
 * wants. XMLHttpRequest, for the upload's progress (0…1).
 */
export function postToStore(
  ticket: UploadTicket,
  file: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
): { done: Promise<{ ok: boolean; code: string | null }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ ok: boolean; code: string | null }>((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
    form.append("file", file, fileName);
    xhr.open("POST", ticket.url);
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener("load", () => {
      const ok = xhr.status >= 200 && xhr.status < 300;
      resolve({ ok, code: ok ? null : storeError(xhr.responseText ?? "") });
    });
    xhr.addEventListener("error", () => resolve({ ok: false, code: null }));
    xhr.addEventListener("abort", () => resolve({ ok: false, code: "Aborted" }));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** How the upload fared now (null when the site could not tell). */
export async function uploadStatus(uploadId: string): Promise<UploadStatus | null> {
  try {
    const res = await fetch(`/photos/status/${encodeURIComponent(uploadId)}`, {
      credentials: "same-origin",
      cache: "no-store",
    });
    return res.ok ? ((await res.json()) as UploadStatus) : null;
  } catch {
    return null;
  }
}
