// The tracking form (ledger number and access code). Rendered on the server as a plain
// <form method="post"> that works without JavaScript, so the code travels in the POST body and
// never in a URL; once hydrated it checks both fields as the resident leaves them and before
// sending (the same rules and messages as the server, lib/track-form.ts). It still submits the
// normal POST.
//
// The inputs are uncontrolled (defaultValue) and read back from the form, so whatever a
// resident typed before hydration is kept.
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { type Locale, translator } from "../i18n/messages";
import { fieldId, type Problems } from "../lib/concern-form";
import { readTrackInput, type TrackField } from "../lib/track-form";
import { ErrorSummary } from "./ErrorSummary";

export interface TrackFormProps {
  locale: Locale;
  /** What the resident typed last time (or the ledger number from `?no=`). */
  ledgerNo: string;
  accessCode: string;
  /** The server's objections to the last POST, by field, already in words. */
  serverErrors: Partial<Record<TrackField, string>>;
}

const FIELDS: TrackField[] = ["ledgerNo", "accessCode"];

function problemsOf(values: Record<TrackField, string>): Problems<TrackField> {
  const input = readTrackInput(values.ledgerNo, values.accessCode);
  return input.ok ? {} : input.problems;
}

export default function TrackForm(props: TrackFormProps) {
  const tr = useMemo(() => translator(props.locale), [props.locale]);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [values, setValues] = useState<Record<TrackField, string>>({
    ledgerNo: props.ledgerNo,
    accessCode: props.accessCode,
  });
  const [edited, setEdited] = useState<Partial<Record<TrackField, true>>>({});
  const [touched, setTouched] = useState<Partial<Record<TrackField, true>>>({});
  const [attempts, setAttempts] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  function readBack(): Record<TrackField, string> {
    const form = formRef.current;
    const read = (name: TrackField) => {
      const v = form ? new FormData(form).get(name) : null;
      return typeof v === "string" ? v : "";
    };
    const now = { ledgerNo: read("ledgerNo"), accessCode: read("accessCode") };
    setValues(now);
    return now;
  }

  // Hydrated: take over what is in the form now. A field typed in before hydration counts as
  // edited, and as touched once left: its change and blur happened before React listened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on hydration
  useEffect(() => {
    const now = readBack();
    const initial = { ledgerNo: props.ledgerNo, accessCode: props.accessCode };
    const early: Partial<Record<TrackField, true>> = {};
    const left: Partial<Record<TrackField, true>> = {};
    for (const f of FIELDS) {
      if (now[f] === initial[f]) continue;
      early[f] = true;
      if (document.activeElement !== formRef.current?.elements.namedItem(f)) left[f] = true;
    }
    if (Object.keys(early).length > 0) setEdited(early);
    if (Object.keys(left).length > 0) setTouched(left);
    setEnhanced(true);
    // The browser restores a page from the back-forward cache with the button still busy.
    const onShow = () => setSubmitting(false);
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  // After a refused submit, move focus to the summary of problems.
  useEffect(() => {
    if (attempts > 0) summaryRef.current?.focus();
  }, [attempts]);

  const live = problemsOf(values);
  const errors: Partial<Record<TrackField, string>> = {};
  for (const field of FIELDS) {
    if (enhanced && (attempts > 0 || touched[field] || edited[field])) {
      const p = live[field];
      if (p && (attempts > 0 || touched[field])) errors[field] = tr(p.key, p.vars);
      continue;
    }
    const server = props.serverErrors[field];
    if (server) errors[field] = server;
  }
  const hasErrors = FIELDS.some((f) => errors[f]);
  const showSummary = hasErrors && (attempts > 0 || Object.keys(edited).length === 0);

  const isField = (name: string): name is TrackField => (FIELDS as string[]).includes(name);

  function onChange(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name;
    readBack();
    if (isField(name)) setEdited((x) => ({ ...x, [name]: true }));
  }

  function onBlur(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name;
    if (isField(name) && edited[name]) setTouched((x) => ({ ...x, [name]: true }));
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const now = readBack();
    if (submitting) {
      e.preventDefault();
      return;
    }
    if (Object.keys(problemsOf(now)).length > 0) {
      e.preventDefault();
      setAttempts((n) => n + 1);
      return;
    }
    setSubmitting(true);
  }

  const field = (name: TrackField, label: string, hint: string) => {
    const id = fieldId(name);
    const error = errors[name];
    return (
      <div className={error ? "field has-error" : "field"}>
        <label htmlFor={id}>{label}</label>
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
        {error && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
        <input
          type="text"
          id={id}
          name={name}
          className="mono-input"
          required
          defaultValue={name === "ledgerNo" ? props.ledgerNo : props.accessCode}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
        />
      </div>
    );
  };

  return (
    <form
      ref={formRef}
      method="post"
      action="/track"
      noValidate={enhanced}
      onChange={onChange}
      onBlur={onBlur}
      onSubmit={onSubmit}
      aria-busy={submitting || undefined}
    >
      {showSummary && (
        <ErrorSummary
          title={tr("common.errorSummary")}
          order={FIELDS}
          errors={errors}
          summaryRef={summaryRef}
          focusOnLoad={attempts === 0}
        />
      )}
      <input type="hidden" name="intent" value="lookup" />
      {field("ledgerNo", tr("track.ledgerNo"), tr("track.ledgerNoHint"))}
      {field("accessCode", tr("track.accessCode"), tr("track.accessCodeHint"))}
      <button type="submit" className="big button" disabled={submitting}>
        {tr("track.submit")}
      </button>
    </form>
  );
}
