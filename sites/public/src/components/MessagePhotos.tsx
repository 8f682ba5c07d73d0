// Photos with 补充情况 on the tracking view (issue 15), with JavaScript only: the picker, once
// hydrated, uploads each photo for this concern (`stage: "message"`, the view's credential
// through the site's /photos/ticket); the API attaches it as soon as it is processed, so it
// needs no text to go with it. Without JavaScript the view offers nothing more (the receipt
// page and /photos/sent have the plain forms).
import type { PhotoRules } from "@lianxin/site-kit/photos.server";
import { useEffect, useState } from "react";
import type { Locale } from "../i18n/messages";
import PhotoPicker from "./PhotoPicker";

export interface MessagePhotosProps {
  locale: Locale;
  rules: PhotoRules;
  ledgerNo: string;
  /** The view's credential the browser already holds (/track's code, an SMS link's token). */
  credential: { accessCode?: string; linkToken?: string };
}

export default function MessagePhotos(props: MessagePhotosProps) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (!enhanced) return null;
  return (
    <PhotoPicker
      locale={props.locale}
      rules={props.rules}
      ticket={{ ledgerNo: props.ledgerNo, stage: "message", ...props.credential }}
      name="photos"
      id="f-message-photos"
    />
  );
}
