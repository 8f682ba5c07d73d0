// "添加照片" (issue 15), inside a form that works without JavaScript: rendered only once the
// form is hydrated (a file input without JavaScript would send nothing). Each photo chosen is
// checked against core's rules (count, HEIC), shrunk on the phone (lib/photo-upload.ts),
// signed by the site's /photos/ticket, posted straight to the file store with a progress bar,
// previewed (a blob: URL) and then followed until the processor has judged it. The upload ids
// travel in one hidden input with the form's normal POST; the resident keeps typing meanwhile.
import type { PhotoRules } from "@lianxin/site-kit/photos.server";
import { type ChangeEvent, useEffect, useMemo, useRef, useState } from "react";
import { format, type Locale, translator } from "../i18n/messages";
import {
  askTicket,
  isHeic,
  jpegName,
  postToStore,
  shrinkPhoto,
  uploadStatus,
} from "../lib/photo-upload";

type ItemState = "preparing" | "uploading" | "processing" | "added" | "refused" | "failed";

interface Item {
  key: number;
  name: string;
  state: ItemState;
  progress: number;
  preview: string | null;
  width: number | null;
  height: number | null;
  uploadId: string | null;
  message: string | null;
}

export interface PhotoPickerProps {
  locale: Locale;
  rules: PhotoRules;
  /** What /photos/ticket needs besides the file: the form's key, or the concern and stage. */
  ticket: Record<string, unknown>;
  /** The hidden input's name. */
  name: string;
  /** The input's id (its label points at it). */
  id: string;
  /** A message from the server about the photos sent (the API refused one). */
  error?: string | null;
  /** Told whenever photos start or stop being prepared or sent. */
  onBusyChange?: (busy: boolean) => void;
}

/** How long the page follows the processor before it leaves the photo "处理中…". */
const POLL_MS = 1000;
const POLL_TIMES = 90;

let nextKey = 1;

export default function PhotoPicker(props: PhotoPickerProps) {
  const { locale, rules, name, id } = props;
  const tr = useMemo(() => translator(locale), [locale]);
  const [items, setItems] = useState<Item[]>([]);
  const aborts = useRef(new Map<number, () => void>());
  const removed = useRef(new Set<number>());
  const previews = useRef(new Set<string>());

  const update = (key: number, change: Partial<Item>) =>
    setItems((all) => all.map((it) => (it.key === key ? { ...it, ...change } : it)));

  const busy = items.some((it) => it.state === "preparing" || it.state === "uploading");
  const onBusyChange = props.onBusyChange;
  useEffect(() => onBusyChange?.(busy), [busy, onBusyChange]);

  // Leaving the page: let go of the previews and stop the uploads.
  useEffect(() => {
    const urls = previews.current;
    const running = aborts.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
      for (const abort of running.values()) abort();
    };
  }, []);

  async function follow(key: number, uploadId: string) {
    for (let i = 0; i < POLL_TIMES; i++) {
      if (removed.current.has(key)) return;
      const status = await uploadStatus(uploadId);
      if (status?.state === "processed" || status?.state === "attached") {
        update(key, { state: "added" });
        return;
      }
      if (status?.state === "refused") {
        const message = status.refusal
          ? locale === "en"
            ? status.refusal.message.en
            : status.refusal.message["zh-CN"]
          : null;
        update(key, { state: "refused", message });
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async function send(key: number, file: File) {
    if (isHeic(file)) {
      update(key, { state: "refused", message: format(rules.words.heic, { name: file.name }) });
      return;
    }
    const shrunk = await shrinkPhoto(file, rules.maxEdge);
    if (removed.current.has(key)) return;
    const sending = shrunk ?? file;
    const sendName = shrunk ? jpegName(file.name) : file.name;
    const preview = URL.createObjectURL(sending);
    previews.current.add(preview);
    const dims = shrunk ? await sizeOf(preview) : null;
    update(key, { preview, width: dims?.width ?? null, height: dims?.height ?? null });
    const asked = await askTicket({
      ...props.ticket,
      name: sendName,
      contentType: sending.type || "application/octet-stream",
      size: sending.size,
    });
    if (removed.current.has(key)) return;
    if (!asked.ok) {
      update(key, { state: "refused", message: asked.message ?? tr("photos.failed") });
      return;
    }
    const { ticket } = asked;
    update(key, { state: "uploading", uploadId: ticket.uploadId, progress: 0 });
    const upload = postToStore(ticket, sending, sendName, (progress) => update(key, { progress }));
    aborts.current.set(key, upload.abort);
    const result = await upload.done;
    aborts.current.delete(key);
    if (removed.current.has(key)) return;
    if (!result.ok) {
      update(key, { state: "failed", message: tr("photos.failed") });
      return;
    }
    update(key, { state: "processing", progress: 1 });
    await follow(key, ticket.uploadId);
  }

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = "";
    let room = rules.perSubmission - items.filter(counts).length;
    const added: Item[] = [];
    const toSend: [number, File][] = [];
    for (const file of files) {
      const key = nextKey++;
      const item: Item = {
        key,
        name: file.name,
        state: "preparing",
        progress: 0,
        preview: null,
        width: null,
        height: null,
        uploadId: null,
        message: null,
      };
      if (room <= 0) {
        item.state = "refused";
        item.message = format(rules.words.tooMany, { name: file.name });
      } else {
        room--;
        toSend.push([key, file]);
      }
      added.push(item);
    }
    setItems((all) => [...all, ...added]);
    for (const [key, file] of toSend) void send(key, file);
  }

  function remove(key: number) {
    removed.current.add(key);
    aborts.current.get(key)?.();
    aborts.current.delete(key);
    setItems((all) => {
      const gone = all.find((it) => it.key === key);
      if (gone?.preview) {
        URL.revokeObjectURL(gone.preview);
        previews.current.delete(gone.preview);
      }
      return all.filter((it) => it.key !== key);
    });
  }

  const ids = items
    .filter((it) => it.uploadId && ["uploading", "processing", "added"].includes(it.state))
    .map((it) => it.uploadId);
  const full = items.filter(counts).length >= rules.perSubmission;
  const mb = Math.round(rules.maxBytes / (1024 * 1024));

  const stateText = (it: Item) => {
    switch (it.state) {
      case "preparing":
        return tr("photos.preparing");
      case "uploading":
        return tr("photos.uploading");
      case "processing":
        return tr("photos.processing");
      case "added":
        return tr("photos.added");
      case "refused":
        return tr("photos.refused", { message: it.message ?? "" });
      case "failed":
        return it.message ?? tr("photos.failed");
    }
  };

  return (
    <div className={props.error ? "field photos has-error" : "field photos"}>
      <label htmlFor={id}>
        {tr("photos.label", { max: rules.perSubmission })}
        <span className="tag" aria-hidden="true">
          {tr("common.optional")}
        </span>
      </label>
      <span className="hint" id={`${id}-hint`}>
        {tr("photos.hint", { mb })}
      </span>
      {props.error && (
        <span className="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      )}
      <input
        type="file"
        id={id}
        accept="image/*"
        multiple
        disabled={full}
        onChange={choose}
        aria-describedby={props.error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      {items.length > 0 && (
        <ul className="photo-list">
          {items.map((it) => (
            <li key={it.key} className={`photo-item ${it.state}`}>
              {it.preview && (
                <img
                  className="photo-preview"
                  src={it.preview}
                  alt={tr("photos.preview", { name: it.name })}
                  width={it.width ?? undefined}
                  height={it.height ?? undefined}
                />
              )}
              <div className="photo-about">
                <span className="photo-name">{it.name}</span>
                {it.state === "uploading" && (
                  <progress
                    max={1}
                    value={it.progress}
                    aria-label={`${tr("photos.progress")}：${it.name}`}
                  />
                )}
                <span
                  className={
                    it.state === "refused" || it.state === "failed" ? "field-error" : "photo-state"
                  }
                  role="status"
                >
                  {stateText(it)}
                </span>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => remove(it.key)}
                  aria-label={tr("photos.removeNamed", { name: it.name })}
                >
                  {tr("photos.remove")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <input type="hidden" name={name} value={ids.join(",")} />
    </div>
  );
}

/** A photo that takes one of the places: not refused, not failed. */
function counts(it: Item): boolean {
  return it.state !== "refused" && it.state !== "failed";
}

/** The shrunk photo's size, for the preview's width and height (no layout shift). */
function sizeOf(url: string): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => resolve(null);
    img.src = url;
  });
}
