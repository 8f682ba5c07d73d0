import type { DomainErrorCode, FieldProblem, Locale } from "@lianxin/core";
import type * as z from "zod";

type Words = Record<Locale, string>;

/** What each error says to the caller, in their language. */
export const ERROR_MESSAGES: Record<DomainErrorCode | "internal" | "method_not_allowed", Words> = {
  invalid_json: { "zh-CN": "请求内容不是有效的 JSON", en: "The request body is not valid JSON" },
  validation_failed: {
    "zh-CN": "提交的内容有误，请检查标出的字段",
    en: "Some fields are not valid: see the fields listed",
  },
  missing_idempotency_key: {
    "zh-CN": "缺少 Idempotency-Key 请求头（8–128 位字母、数字、- 或 _）",
    en: "The Idempotency-Key header is missing or malformed (8–128 letters, digits, - or _)",
  },
  unknown_reference: {
    "zh-CN": "所选的村（社区）、村民小组或问题类别不存在",
    en: "The chosen village, villager group or category does not exist",
  },
  not_found: {
    "zh-CN": "找不到该诉求：请核对台账编号和查询码",
    en: "No such concern: check the ledger number and access code",
  },
  idempotency_conflict: {
    "zh-CN": "该 Idempotency-Key 已用于另一份不同的提交",
    en: "This Idempotency-Key was already used for a different submission",
  },
  payload_too_large: {
    "zh-CN": "请求内容过大（上限 64 KB）",
    en: "The request body is too large (64 KB at most)",
  },
  unsupported_media_type: {
    "zh-CN": "请以 application/json 格式提交",
    en: "Send the body as application/json",
  },
  rate_limited: {
    "zh-CN": "操作过于频繁，请稍后再试",
    en: "Too many attempts: please try again later",
  },
  conflict: {
    "zh-CN": "该诉求已被他人更新或当前不允许此操作，请刷新后重试",
    en: "The concern was changed by someone else, or does not allow this now: reload and retry",
  },
  invalid_transition: {
    "zh-CN": "当前状态下不能进行此操作",
    en: "This action is not allowed in the concern's current state",
  },
  unauthorized: { "zh-CN": "请先登录", en: "Please sign in" },
  invalid_credentials: { "zh-CN": "用户名或密码不正确", en: "Wrong username or password" },
  forbidden: { "zh-CN": "您无权进行此操作", en: "You are not allowed to do this" },
  password_change_required: {
    "zh-CN": "请先修改密码",
    en: "You must change your password first",
  },
  account_locked: {
    "zh-CN": "登录失败次数过多，账号已暂时锁定，请稍后再试",
    en: "Too many failed sign-ins: the account is locked for a while",
  },
  review_required: {
    "zh-CN": "公开内容中有疑似个人信息（已标出），请逐条选择遮盖或保留后再提交",
    en: "The public text holds what may be personal data (highlighted): mask or keep each item, then submit again",
  },
  unavailable: {
    "zh-CN": "服务暂时不可用，请稍后再试",
    en: "The service is temporarily unavailable",
  },
  internal: { "zh-CN": "服务器内部错误", en: "Internal server error" },
  method_not_allowed: { "zh-CN": "不支持该请求方法", en: "Method not allowed" },
};

export const ROUTE_NOT_FOUND: Words = { "zh-CN": "没有这个接口", en: "No such endpoint" };

const FIELD_PROBLEMS: Record<Exclude<FieldProblem["kind"], "invalid">, Words> = {
  unknown_village: { "zh-CN": "没有这个村（社区）", en: "Unknown village or community" },
  unknown_group: { "zh-CN": "该村没有这个村民小组", en: "This village has no such villager group" },
  unknown_category: { "zh-CN": "没有这个问题类别", en: "Unknown category" },
};

export function fieldProblemMessage(problem: FieldProblem, locale: Locale): string {
  return problem.kind === "invalid"
    ? problem.message[locale]
    : FIELD_PROBLEMS[problem.kind][locale];
}

/** A zod issue in plain words. Lengths count characters, as residents do. */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const zh = locale === "zh-CN";
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return zh ? "必填" : "Required";
      return zh
        ? `类型不对，应为${typeName(issue.expected, true)}`
        : `Must be ${typeName(issue.expected, false)}`;
    case "too_small":
      if (issue.origin === "number") {
        return zh ? `不能小于 ${issue.minimum}` : `At least ${issue.minimum}`;
      }
      return zh ? `至少 ${issue.minimum} 个字符` : `At least ${issue.minimum} characters`;
    case "too_big":
      if (issue.origin === "number") {
        return zh ? `不能大于 ${issue.maximum}` : `At most ${issue.maximum}`;
      }
      return zh ? `不能超过 ${issue.maximum} 个字符` : `At most ${issue.maximum} characters`;
    case "invalid_format":
      return zh ? "格式不正确" : "Not in the expected format";
    case "unrecognized_keys":
      return zh ? "不认识的字段" : "Unknown field";
    case "custom": {
      // Core's own checks carry their words in both languages (e.g. a media URL).
      const words = (issue.params as { words?: Partial<Words> } | undefined)?.words?.[locale];
      if (typeof words === "string") return words;
      return zh ? "内容不正确" : "Not valid";
    }
    default:
      return zh ? "内容不正确" : "Not valid";
  }
}

function typeName(expected: string, zh: boolean): string {
  const names: Record<string, [string, string]> = {
    string: ["文本", "text"],
    boolean: ["是/否（true 或 false）", "true or false"],
    number: ["数字", "a number"],
    object: ["JSON 对象", "a JSON object"],
  };
  const pair = names[expected] ?? [expected, expected];
  return zh ? pair[0] : pair[1];
}
