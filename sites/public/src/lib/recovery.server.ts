// What /recover (忘记查询码) does with a request: step 1 asks the API to send a code to the
// phone on file, step 2 trades the code for a new access code. Server-only; the page renders
// the state. Every refusal keeps what was typed.
import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiFailure } from "@lianxin/site-kit/api-result";
import { type Locale, translator } from "../i18n/messages";
import { describeFailure, failureStatus } from "./failure";
import {
  checkRecoverInput,
  RECOVER_FIELDS,
  type RecoverField,
  type RecoverValues,
  readRecoverForm,
} from "./recover-form";

/** "request": the number and phone; "code": the code field; "done": the new access code. */
export type RecoverStep = "request" | "code" | "done";

export interface RecoverPageState {
  step: RecoverStep;
  values: RecoverValues;
  errors: Partial<Record<RecoverField, string>>;
  /** A message for the top of the form (rate limit, service trouble). */
  message: string | null;
  /** The code was asked for: "如号码正确，验证码已发送…" (the same whatever the API did). */
  sent: boolean;
  /** The canonical ledger number and the new access code, once step 2 succeeded. */
  done: { ledgerNo: string; accessCode: string } | null;
  status: number;
  retryAfter: number | null;
}

export async function recoverPage(
  api: Api,
  locale: Locale,
  form: FormData | null,
  ledgerNoFromUrl: string,
): Promise<RecoverPageState> {
  const tr = translator(locale);
  const s: RecoverPageState = {
    step: "request",
    values: { ledgerNo: ledgerNoFromUrl, phone: "", code: "" },
    errors: {},
    message: null,
    sent: false,
    done: null,
    status: 200,
    retryAfter: null,
  };
  if (!form) return s;
  const { intent, values } = readRecoverForm(form);
  s.values = values;
  s.step = intent === "verify" ? "code" : "request";
  const refused = (res: ApiFailure) => {
    const f = describeFailure(res, locale, RECOVER_FIELDS);
    s.errors = f.fieldErrors;
    s.message = f.message;
    Object.assign(s, failureStatus(res));
  };

  const input = checkRecoverInput(intent, values);
  if (!input.ok) {
    for (const [f, p] of Object.entries(input.problems)) {
      if (p) s.errors[f as RecoverField] = tr(p.key, p.vars);
    }
    // Hidden fields gone wrong (or step 1's own): back to the number and phone.
    if (s.errors.ledgerNo || s.errors.phone) s.step = "request";
    s.status = 400;
    return s;
  }
  const params = { ledgerNo: input.ledgerNo };
  s.values.ledgerNo = input.ledgerNo;

  if (intent === "request") {
    const res = await api.post("/api/concerns/:ledgerNo/recovery", {
      params,
      body: { phone: input.phone },
    });
    if (res.ok) {
      s.step = "code";
      s.sent = true;
      s.values.code = "";
    } else refused(res);
    return s;
  }

  const res = await api.post("/api/concerns/:ledgerNo/recovery/verify", {
    params,
    body: { phone: input.phone, code: input.code },
  });
  if (res.ok && typeof res.data?.accessCode === "string") {
    s.step = "done";
    s.done = { ledgerNo: input.ledgerNo, accessCode: res.data.accessCode };
    s.status = 201;
  } else if (res.ok) {
    s.message = tr("common.unavailable");
    s.status = 503;
  } else {
    refused(res);
    // A number or phone the API refuses (it should not: both were checked) goes back to step 1.
    if (s.errors.ledgerNo || s.errors.phone) s.step = "request";
  }
  return s;
}
