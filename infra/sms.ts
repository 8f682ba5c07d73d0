import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Config, Cron, Function as SstFunction, type Stack } from "sst/constructs";
import { SMS_SENDER_TABLE_ACTIONS, tableAccess } from "./permissions.js";

/** The SMS sender's entry (packages/functions/src/sms-sender.ts) and its sweep. */
export const SMS_SENDER_HANDLER = "packages/functions/src/sms-sender.handler";
/** Every minute: retries, the end of quiet hours, and whatever a start after a commit missed. */
export const SMS_SENDER_SCHEDULE = "rate(1 minute)";
export const SMS_SENDER_TIMEOUT_SECONDS = 60;

/** What AWS End User Messaging's SendTextMessage needs: the one action, on the sender only. */
export const SMS_SEND_ACTION = "sms-voice:SendTextMessage";

/**
 * Which provider the deployed sender uses, from the deploy's environment (infra/README.md,
 * "SMS"): `LIANXIN_SMS_PROVIDER` is `aliyun` (its key pair bound as secrets, sign name and
 * template codes as parameters) or `aws` (the default: an origination identity). Non-secret
 * settings go into the function's environment; until they are set the sender fails its runs
 * and the messages wait in the outbox (nothing is lost).
 */
export function smsDeploySettings(env: Record<string, string | undefined> = process.env) {
  const provider = env.LIANXIN_SMS_PROVIDER === "aliyun" ? "aliyun" : "aws";
  /** `LIANXIN_<NAME>` of the deploy's environment as the function's `<NAME>`. */
  const pass = (names: string[]): Record<string, string> =>
    Object.fromEntries(
      names.flatMap((n) => (env[`LIANXIN_${n}`] ? [[n, env[`LIANXIN_${n}`] as string]] : [])),
    );
  return {
    provider,
    environment: {
      SMS_PROVIDER: provider,
      // The public site's own URL (its domain): links lead there. The sites stack comes after
      // this one, so its CloudFront address cannot be read here.
      ...(env.LIANXIN_PUBLIC_SITE_URL
        ? { LIANXIN_PUBLIC_SITE_URL: env.LIANXIN_PUBLIC_SITE_URL }
        : {}),
      ...pass(["SMS_SIGNATURE", "SMS_TOWN_PER_HOUR"]),
      ...(provider === "aliyun"
        ? pass(["ALIYUN_SMS_SIGN_NAME", "ALIYUN_SMS_TEMPLATES"])
        : pass(["AWS_SMS_ORIGINATION_IDENTITY", "AWS_SMS_CONFIGURATION_SET"])),
    },
  };
}

/**
 * The SMS sender: drains the outbox (started by the API after each commit that wrote
 * messages, and every minute). It alone binds the resident key (it signs the links) and the
 * provider's secrets; its table grant is what the outbox needs, and for AWS End User
 * Messaging its role alone may send.
 */
export function smsSender(stack: Stack, args: { table: Table; residentKey: Config.Secret }) {
  const settings = smsDeploySettings();
  const aliyunSecrets =
    settings.provider === "aliyun"
      ? Object.values(
          Config.Secret.create(stack, "ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET"),
        )
      : [];
  const fn = new SstFunction(stack, "SmsSender", {
    handler: SMS_SENDER_HANDLER,
    timeout: SMS_SENDER_TIMEOUT_SECONDS,
    environment: { TABLE_NAME: args.table.tableName, ...settings.environment },
    bind: [args.residentKey, ...aliyunSecrets],
  });
  fn.attachPermissions([
    tableAccess(args.table, SMS_SENDER_TABLE_ACTIONS),
    ...(settings.provider === "aws"
      ? [new PolicyStatement({ actions: [SMS_SEND_ACTION], resources: ["*"] })]
      : []),
  ]);
  const cron = new Cron(stack, "SmsSenderSweep", {
    schedule: SMS_SENDER_SCHEDULE,
    job: fn,
  });
  return { fn, cron };
}
