import { runSmsSender, type SmsRequest } from "@lianxin/functions";
import type { TestApi } from "./api.js";

/**
 * Runs the SMS sender once with a provider that accepts everything and keeps each request in
 * `sent`; answers the newest one-time code sent to an 11-digit mobile, if any.
 */
export async function newestCodeSentTo(
  api: TestApi,
  sent: SmsRequest[],
  mobile: string,
): Promise<string | undefined> {
  await runSmsSender(api.deps, {
    provider: {
      name: "test",
      async send(r) {
        sent.push(r);
        return { kind: "sent", providerId: r.id };
      },
    },
    signature: "【洛社镇】",
    siteUrl: "http://x",
    residentKey: api.deps.residentKey,
    townPerHour: 1000,
  });
  return sent.filter((r) => r.kind === "one_time_code" && r.to === `+86${mobile}`).at(-1)?.params
    .code;
}
