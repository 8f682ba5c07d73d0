import { runWithoutDeadline } from "@lianxin/store";
import type { Deps } from "../deps.js";
import {
  runSmsSender,
  type SenderSummary,
  type SmsSenderSettings,
} from "../use-cases/messaging/sms-sender.js";

/**
 * The SMS sender in this process, after the request that wrote the messages has been
 * answered: the local server (npm start), the tests and the intake benchmark. Starts coalesce:
 * one run at a time, and one more after it if anything was written meanwhile. Not for Lambda,
 * which freezes after its answer; there the API invokes the sender function (sender-port.ts).
 */
export function withInProcessSms(
  deps: Deps,
  settings: Omit<SmsSenderSettings, "residentKey">,
  onRun?: (summary: SenderSummary) => void,
): Deps & { drainSms(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const withSms: Deps & { drainSms(): Promise<void> } = {
    ...deps,
    smsSender: {
      async kick() {
        start();
      },
    },
    /** Resolves when no run is going and none is due (tests wait for delivery with it). */
    async drainSms() {
      while (running) await running;
    },
  };
  const full: SmsSenderSettings = { ...settings, residentKey: deps.residentKey };
  const start = () => {
    if (running) {
      again = true;
      return;
    }
    running = runWithoutDeadline(async () => {
      try {
        do {
          again = false;
          const summary = await runSmsSender(withSms, full);
          onRun?.(summary);
        } while (again);
      } catch (error) {
        console.error(JSON.stringify({ level: "error", msg: "sms sender", error: String(error) }));
      } finally {
        running = null;
      }
    });
  };
  return withSms;
}
