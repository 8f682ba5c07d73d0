import { DEFAULT_SMS_SIGNATURE, SMS_KINDS, SMS_LIMITS, type SmsKind } from "@lianxin/core";
import { publicSiteUrl } from "../config.js";
import type { SmsSenderSettings } from "../use-cases/messaging/sms-sender.js";
import { aliyunSmsProvider } from "./aliyun-sms.js";
import { awsSmsProvider } from "./aws-sms.js";
import { localSmsSink } from "./local-sms-sink.js";
import type { SmsProvider } from "./sms-provider.js";

/**
 * The sender's settings from its environment, read once. `SMS_PROVIDER` picks the provider:
 * `aliyun` (ALIYUN_SMS_ACCESS_KEY_ID and _SECRET as secrets; ALIYUN_SMS_SIGN_NAME and
 * ALIYUN_SMS_TEMPLATES, a JSON map of kind → template code, as parameters), `aws`
 * (AWS_SMS_ORIGINATION_IDENTITY, optionally AWS_SMS_CONFIGURATION_SET) or `local` (the sink;
 * the default with DynamoDB Local, refused elsewhere). Links lead to LIANXIN_PUBLIC_SITE_URL.
 */
export function readSmsSettings(
  env: Record<string, string | undefined>,
  residentKey: string,
): SmsSenderSettings {
  const local = Boolean(env.DYNAMODB_ENDPOINT);
  const siteUrl = publicSiteUrl(env);
  if (!siteUrl) throw new Error("LIANXIN_PUBLIC_SITE_URL must be the public site's http(s) URL");
  const townPerHour = Number(env.SMS_TOWN_PER_HOUR || SMS_LIMITS.townPerHourDefault);
  if (!Number.isInteger(townPerHour) || townPerHour < 1) {
    throw new Error("SMS_TOWN_PER_HOUR must be a positive whole number");
  }
  return {
    provider: provider(env, local),
    signature: env.SMS_SIGNATURE || DEFAULT_SMS_SIGNATURE,
    siteUrl,
    residentKey,
    townPerHour,
  };
}

function provider(env: Record<string, string | undefined>, local: boolean): SmsProvider {
  const name = env.SMS_PROVIDER || (local ? "local" : "");
  const need = (key: string) => {
    const value = env[key];
    if (!value) throw new Error(`${key} is not set (SMS_PROVIDER=${name})`);
    return value;
  };
  switch (name) {
    case "aliyun":
      return aliyunSmsProvider({
        accessKeyId: need("ALIYUN_SMS_ACCESS_KEY_ID"),
        accessKeySecret: need("ALIYUN_SMS_ACCESS_KEY_SECRET"),
        signName: need("ALIYUN_SMS_SIGN_NAME"),
        templates: templateCodes(need("ALIYUN_SMS_TEMPLATES")),
      });
    case "aws":
      return awsSmsProvider({
        originationIdentity: need("AWS_SMS_ORIGINATION_IDENTITY"),
        ...(env.AWS_REGION ? { region: env.AWS_REGION } : {}),
        ...(env.AWS_SMS_CONFIGURATION_SET
          ? { configurationSet: env.AWS_SMS_CONFIGURATION_SET }
          : {}),
      });
    case "local":
      if (!local) throw new Error("SMS_PROVIDER=local is for the local stack only");
      return localSmsSink();
    default:
      throw new Error("SMS_PROVIDER must be aliyun, aws or local");
  }
}

/** `{"receipt":"SMS_1",…}`: each code for a known kind. */
function templateCodes(json: string): Partial<Record<SmsKind, string>> {
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== "object")
    throw new Error("ALIYUN_SMS_TEMPLATES must be a JSON object");
  const out: Partial<Record<SmsKind, string>> = {};
  for (const [kind, code] of Object.entries(parsed)) {
    if (!SMS_KINDS.includes(kind as SmsKind) || typeof code !== "string") {
      throw new Error(`ALIYUN_SMS_TEMPLATES: ${kind} is not an SMS kind with a template code`);
    }
    out[kind as SmsKind] = code;
  }
  return out;
}
