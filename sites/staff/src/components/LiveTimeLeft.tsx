// The big "time left" on a concern's page, ticking once a minute. The server renders the same
// text, so without JavaScript it is simply the time left when the page was loaded.
import { useEffect, useState } from "react";
import type { Locale } from "../i18n/messages";
import { formatTimeLeft, type TimeTone, timeLeft } from "../lib/time-left";

interface Props {
  remainingMs: number;
  locale: Locale;
}

export default function LiveTimeLeft({ remainingMs, locale }: Props) {
  const [left, setLeft] = useState(remainingMs);
  useEffect(() => {
    const start = Date.now();
    const id = window.setInterval(() => setLeft(remainingMs - (Date.now() - start)), 30_000);
    return () => window.clearInterval(id);
  }, [remainingMs]);
  const tone: TimeTone = timeLeft(left).tone;
  return <span className={`time-left ${tone}`}>{formatTimeLeft(left, locale)}</span>;
}
