// What the resident's pages (/track with the access code, /t/<token> from an SMS link,
// /mine/<ledgerNo> signed in to 我的诉求) do with a request: the posted intent (add
// information, rate, stop SMS) sent to the API with the resident's credential, then the fresh
// view. One place, so the pages behave alike; each page only reads its credential and renders
// `ResidentConcern` with the result. Server-only.
import type { ResidentView } from "@lianxin/contract";
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import { type Locale, translator } from "../i18n/messages";
import { validateMessageText } from "./concern-form";
import { describeFailure, failureStatus } from "./failure";
import {
  FEEDBACK_FIELDS,
  type FeedbackField,
  type FeedbackValues,
  readFeedbackForm,
} from "./feedback-form";

/**
 * The access code (typed on /track), an SMS link's token, or a "我的诉求" session's token
 * (from its httpOnly cookie): one of them, never in a URL.
 */
export type ResidentCredential =
  | { accessCode: string }
  | { linkToken: string }
  | { residentSession: string };

/** What a resident's form asks for; anything else (or nothing) only looks the concern up. */
export type ResidentIntent = "lookup" | "message" | "feedback" | "stop_sms";

export function readIntent(raw: string): ResidentIntent {
  return raw === "message" || raw === "feedback" || raw === "stop_sms" ? raw : "lookup";
}

export interface ResidentPageState {
  view: ResidentView | null;
  /** The API said 404: wrong code, a forged or expired link, not the session's or it ended. */
  notFound: boolean;
  /** A message for the top of the page (service trouble, rate limit). */
  message: string | null;
  status: number;
  retryAfter: number | null;
  added: boolean;
  textValue: string;
  textError: string | null;
  feedback: FeedbackValues;
  feedbackErrors: Partial<Record<FeedbackField, string>>;
  feedbackMessage: string | null;
  rated: string | null;
  smsStopped: boolean;
}

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/**
 * Does what the posted form asks (when there is one), then reads the view. `ledgerNo` and
 * `credential` are the page's, already checked for shape.
 */
export async function residentPage(
  api: Api,
  locale: Locale,
  ledgerNo: string,
  credential: ResidentCredential,
  form: FormData | null,
): Promise<ResidentPageState> {
  const tr = translator(locale);
  const s: ResidentPageState = {
    view: null,
    notFound: false,
    message: null,
    status: 200,
    retryAfter: null,
    added: false,
    textValue: "",
    textError: null,
    feedback: { rating: "", comment: "" },
    feedbackErrors: {},
    feedbackMessage: null,
    rated: null,
    smsStopped: false,
  };
  const failed = (res: ApiFailure) => Object.assign(s, failureStatus(res));
  const unavailableOr = (f: { kind: string; message: string | null }) =>
    f.kind === "unavailable" ? tr("common.unavailable") : f.message;
  const params = { ledgerNo };
  const intent = form ? readIntent(str(form, "intent")) : "lookup";

  if (form && intent === "message") {
    s.textValue = str(form, "text");
    const problem = validateMessageText(s.textValue);
    if (problem) {
      s.textError = tr(problem.key, problem.vars);
      s.status = 400;
    } else {
      const res = await api.post("/api/concerns/:ledgerNo/messages", {
        params,
        ...credential,
        body: { text: s.textValue.trim() },
      });
      if (res.ok) {
        s.added = true;
        s.textValue = "";
      } else {
        const f = describeFailure(res, locale, ["text"] as const);
        if (f.kind === "not_found") s.notFound = true;
        else if (f.fieldErrors.text) s.textError = f.fieldErrors.text;
        else s.message = unavailableOr(f);
        failed(res);
      }
    }
  }

  if (form && intent === "feedback") {
    const rating = readFeedbackForm(form);
    s.feedback = rating.values;
    if (!rating.ok) {
      for (const [f, p] of Object.entries(rating.problems)) {
        if (p) s.feedbackErrors[f as FeedbackField] = tr(p.key, p.vars);
      }
      s.status = 400;
    } else {
      const res = await api.post("/api/concerns/:ledgerNo/feedback", {
        params,
        ...credential,
        body: rating.body,
      });
      if (res.ok) {
        s.rated = rating.body.rating;
        s.feedback = { rating: "", comment: "" };
      } else {
        const f = describeFailure(res, locale, FEEDBACK_FIELDS);
        if (f.kind === "not_found" && "linkToken" in credential) {
          // Only a rating link (or the code) rates; a tracking link still opens the view,
          // which the read below finds out (a forged or expired link is 404 there too).
          s.feedbackMessage = tr("link.rateNeedsRatingLink");
          s.status = 403;
        } else {
          if (f.kind === "not_found") s.notFound = true;
          else if (res.kind === "http" && res.status === 409)
            s.feedbackMessage = tr("rate.conflict");
          else if (f.fieldErrors.rating || f.fieldErrors.comment) s.feedbackErrors = f.fieldErrors;
          else s.feedbackMessage = unavailableOr(f);
          failed(res);
        }
      }
    }
  }

  if (form && intent === "stop_sms") {
    const res = await api.post("/api/concerns/:ledgerNo/sms-opt-out", { params, ...credential });
    if (res.ok) s.smsStopped = true;
    else {
      const f = describeFailure(res, locale, [] as const);
      if (f.kind === "not_found") s.notFound = true;
      else s.message = unavailableOr(f);
      failed(res);
    }
  }

  if (!s.notFound) {
    const res = await api.get("/api/concerns/:ledgerNo", { params, ...credential });
    if (res.ok) {
      s.view = res.data;
    } else {
      const f = describeFailure(res, locale, [] as const);
      if (f.kind === "not_found") s.notFound = true;
      else s.message = unavailableOr(f);
      // An earlier refusal keeps its status, unless this one is the address's rate limit.
      if (s.status < 400 || f.kind === "rate_limited") failed(res);
    }
  }
  if (s.notFound) {
    s.view = null;
    s.status = 404;
    s.retryAfter = null;
  }
  return s;
}

/** The page's status and Retry-After from the state. */
export function applyStatus(
  response: { status: number; headers: Headers },
  s: Pick<ResidentPageState, "status" | "retryAfter">,
): void {
  response.status = s.status;
  if (s.retryAfter != null) response.headers.set("Retry-After", String(s.retryAfter));
}
