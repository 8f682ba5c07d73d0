/**
 * Every SMS the town sends, in one place. Providers in mainland China send only registered
 * templates under a registered signature (签名, e.g. 【洛社镇】): each kind below is one
 * template, registered with the provider under a code the deployment configures, and filled
 * with the named parameters (Aliyun takes the code and the parameters; AWS and the local sink
 * take the rendered text). Texts never carry the resident's name or the concern's text.
 *
 * One segment is 70 characters (UCS-2) including the signature; a longer text goes as
 * segments of 67. The fixed words are kept short so that a text with its link fits two.
 */
export const SMS_KINDS = [
  "receipt",
  "signed_for",
  "deferred",
  "extended",
  "answered",
  "redo",
  "struck_off",
  "rating_reminder",
  "one_time_code",
  "urgent_alert",
] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

export const SMS_TEMPLATES = {
  receipt: "您的诉求已登记，编号{ledgerNo}，查询码{code}，请妥善保存。进度：{link}",
  signed_for: "您的诉求{ledgerNo}已由{department}签收办理。进度：{link}",
  deferred: "您的诉求{ledgerNo}限期办理，承诺{date}前办结（{reason}）。进度：{link}",
  extended: "您的诉求{ledgerNo}办理期限延至{date}。进度：{link}",
  answered: "您的诉求{ledgerNo}已答复（{outcome}），请于{date}前评价：{link}",
  redo: "您的诉求{ledgerNo}已重新办理。进度：{link}",
  struck_off: "您的诉求{ledgerNo}已办结销号，感谢监督。详情：{link}",
  rating_reminder: "您的诉求{ledgerNo}的答复尚未评价，请于{date}前评价：{link}",
  one_time_code: "验证码{code}，5分钟内有效，请勿告诉他人。",
  urgent_alert: "紧急诉求{ledgerNo}（{category}）已交{department}，请即处理。",
} as const satisfies Record<SmsKind, string>;

/** Parameters that are secrets: blanked in the stored message once it is sent. */
export const SECRET_SMS_PARAMS: Partial<Record<SmsKind, readonly string[]>> = {
  receipt: ["code"],
  one_time_code: ["code"],
};

/** The parameters a template takes, in order of appearance. */
export function smsTemplateParams(kind: SmsKind): string[] {
  return [...SMS_TEMPLATES[kind].matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** The text of a message: its template filled in, behind the signature. */
export function renderSms(
  kind: SmsKind,
  params: Readonly<Record<string, string>>,
  signature: string,
): string {
  const body = SMS_TEMPLATES[kind].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`SMS ${kind} needs the parameter ${name}`);
    return value;
  });
  return `${signature}${body}`;
}

/** How many segments a text takes: 70 characters in one, 67 each when split. */
export function smsSegments(text: string): number {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** The default signature; a deployment sets its own (`SMS_SIGNATURE`), registered with its provider. */
export const DEFAULT_SMS_SIGNATURE = "【洛社镇】";
