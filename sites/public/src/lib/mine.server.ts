// What 我的诉求 (/mine) does with a request: step 1 asks the API to text a sign-in code to a
// mobile, step 2 trades the code for a session kept in the site's httpOnly cookie, and with a
// session the page lists the phone's concerns; signing out ends the session on the API and
// clears the cookie. Server-only; the page renders the state. Every refusal keeps what was
// typed. /mine/<ledgerNo> uses the session helpers here too.
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import { readConfig } from "@lianxin/site-kit/config.server";
import type { AstroCookies } from "astro";
import { type Locale, translator } from "../i18n/messages";
import { describeFailure, failureStatus } from "./failure";
import {
  checkMineInput,
  MINE_FIELDS,
  type MineField,
  type MineValues,
  readMineForm,
} from "./mine-form";
import { type MineRow, mineRows, needsCategoryNames, readMyConcerns } from "./mine-list";
import { loadDirectory } from "./reads.server";
import {
  clearedResidentCookieOptions,
  RESIDENT_COOKIE,
  readResidentToken,
  residentCookieOptions,
} from "./resident-session";

/** The resident's session token from the cookie; an implausible value is cleared. */
export function residentSessionOf(cookies: AstroCookies): string | null {
  const raw = cookies.get(RESIDENT_COOKIE)?.value;
  const token = readResidentToken(raw);
  if (raw !== undefined && !token) endResidentSession(cookies);
  return token;
}

export function startResidentSession(cookies: AstroCookies, token: string, expiresAt: string) {
  cookies.set(RESIDENT_COOKIE, token, residentCookieOptions(expiresAt, readConfig().siteUrl));
}

export function endResidentSession(cookies: AstroCookies): void {
  cookies.delete(RESIDENT_COOKIE, clearedResidentCookieOptions(readConfig().siteUrl));
}

/** A 303 to a page of this site after a post (or without a session), never cached. */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, "Cache-Control": "no-store" },
  });
}

/** "phone": step 1; "code": step 2; "list": signed in. */
export type MineStep = "phone" | "code" | "list";

export interface MinePageState {
  step: MineStep;
  values: MineValues;
  errors: Partial<Record<MineField, string>>;
  /** A message for the top of the page (rate limit, service trouble). */
  message: string | null;
  /** A note for the top of step 1: the session expired, or the resident signed out. */
  note: string | null;
  /** The code was asked for: "如该号码提交过诉求，验证码已发送…" (whatever the API did). */
  sent: boolean;
  /** Signed in: the rows (null when the list could not be read) and when the session ends. */
  rows: MineRow[] | null;
  expiresAt: string | null;
  status: number;
  retryAfter: number | null;
  /** Where to send the browser instead of rendering (after signing in or out). */
  redirect: string | null;
}

export interface MineRequest {
  api: Api;
  locale: Locale;
  cookies: AstroCookies;
  /** The posted form; null for a GET (or an unreadable body, which the page reports). */
  form: FormData | null;
  /** `?expired=1` (from /mine/<ledgerNo>) and `?bye=1` (after signing out). */
  query: URLSearchParams;
}

export async function minePage(r: MineRequest): Promise<MinePageState> {
  const { api, locale, cookies, form } = r;
  const tr = translator(locale);
  const s: MinePageState = {
    step: "phone",
    values: { phone: "", code: "" },
    errors: {},
    message: null,
    note: null,
    sent: false,
    rows: null,
    expiresAt: null,
    status: 200,
    retryAfter: null,
    redirect: null,
  };
  const refused = (res: ApiFailure) => {
    const f = describeFailure(res, locale, MINE_FIELDS);
    s.errors = f.fieldErrors;
    s.message = f.kind === "unavailable" ? tr("common.unavailable") : f.message;
    Object.assign(s, failureStatus(res));
  };

  if (form) {
    const { intent, values } = readMineForm(form);
    if (intent === "signout") {
      const token = residentSessionOf(cookies);
      // The cookie goes whatever the API says: a session it could not end lapses within
      // 30 minutes, and this browser no longer holds it.
      if (token) await api.delete("/api/resident/session", { residentSession: token });
      endResidentSession(cookies);
      s.redirect = "/mine?bye=1";
      return s;
    }
    s.values = values;
    s.step = intent === "verify" ? "code" : "phone";
    const input = checkMineInput(intent, values);
    if (!input.ok) {
      for (const [f, p] of Object.entries(input.problems)) {
        if (p) s.errors[f as MineField] = tr(p.key, p.vars);
      }
      // The hidden phone gone wrong (or step 1's own): back to the phone.
      if (s.errors.phone) s.step = "phone";
      s.status = 400;
      return s;
    }
    if (intent === "send") {
      const res = await api.post("/api/resident/sign-in", { body: { phone: input.phone } });
      if (res.ok) {
        s.step = "code";
        s.sent = true;
        s.values.code = "";
      } else refused(res);
      return s;
    }
    const res = await api.post("/api/resident/sign-in/verify", {
      body: { phone: input.phone, code: input.code },
    });
    if (res.ok && readResidentToken(res.data?.session)) {
      startResidentSession(cookies, res.data.session, res.data.expiresAt);
      s.redirect = "/mine";
    } else if (res.ok) {
      s.message = tr("common.unavailable");
      s.status = 503;
    } else {
      refused(res);
      if (s.errors.phone) s.step = "phone";
    }
    return s;
  }

  const token = residentSessionOf(cookies);
  if (!token) {
    if (r.query.get("expired") === "1") s.note = tr("mine.expired");
    else if (r.query.get("bye") === "1") s.note = tr("mine.signedOut");
    return s;
  }
  const res = await api.get("/api/resident/concerns", { residentSession: token });
  if (!res.ok && res.kind === "http" && res.status === 401) {
    endResidentSession(cookies);
    s.note = tr("mine.expired");
    return s;
  }
  s.step = "list";
  const list = res.ok ? readMyConcerns(res.data) : null;
  if (!list) {
    if (res.ok) {
      s.message = tr("common.unavailable");
      s.status = 503;
    } else refused(res);
    return s;
  }
  s.expiresAt = list.expiresAt;
  let names = new Map<string, string>();
  if (needsCategoryNames(list.items)) {
    // Without the directory a row without a title still shows its number and status.
    const directory = await loadDirectory(api, locale);
    if (directory.ok) names = new Map(directory.data.categories.map((c) => [c.code, c.name]));
  }
  s.rows = mineRows(list.items, (code) => names.get(code));
  return s;
}

/**
 * Whether the session still holds, asked when a concern's read said 404 (the concern routes
 * answer an ended session like a concern that is not the phone's): false only when the API
 * says the session is gone.
 */
export async function sessionStillLive(api: Api, token: string): Promise<boolean> {
  const res = await api.get("/api/resident/concerns", { residentSession: token });
  return res.ok || res.kind !== "http" || res.status !== 401;
}
