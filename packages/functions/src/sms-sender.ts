import { readJobConfig, residentKey } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { readSmsSettings } from "./notifications/sms-settings.js";
import { loadSecrets } from "./secrets.js";
import {
  runSmsSender,
  type SenderSummary,
  type SmsSenderSettings,
} from "./use-cases/messaging/sms-sender.js";

/**
 * AWS Lambda entry of the SMS sender: invoked asynchronously by the API after a commit that
 * wrote messages, and every minute by its schedule. It alone binds the SMS secrets and the
 * resident key (which signs links); the provider SDKs are in its bundle only.
 */
let ready: Promise<{ deps: Deps; settings: SmsSenderSettings }> | undefined;

export async function handler(): Promise<SenderSummary> {
  ready ??= loadSecrets().then(() => {
    const config = readJobConfig();
    return {
      deps: createDeps(config),
      settings: readSmsSettings(process.env, residentKey(process.env)),
    };
  });
  ready.catch(() => {
    ready = undefined; // The next invocation tries again.
  });
  const { deps, settings } = await ready;
  const summary = await runSmsSender(deps, settings);
  console.log(JSON.stringify({ level: "info", msg: "sms sender", ...summary }));
  return summary;
}
