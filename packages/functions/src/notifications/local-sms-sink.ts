import { maskedMobile } from "@lianxin/core";
import type { SmsProvider } from "./sms-provider.js";

/**
 * Locally (npm start, the tests) no SMS leaves the machine: the sink takes each message as a
 * provider would, the sender records it in the table as any sent message (the staff site's
 * `/dev/sms` page lists them, local stage only), and a line in the server's output shows the
 * ledger number and the whole text, labelled as not sent.
 */
export function localSmsSink(options: { log?: (line: string) => void } = {}): SmsProvider {
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    name: "local-sink",
    async send(request) {
      const ledgerNo = request.params.ledgerNo ?? "-";
      log(`[短信·未发送 SMS not sent] ${ledgerNo} → ${maskedMobile(request.to)}: ${request.text}`);
      return { kind: "sent", providerId: `local-${request.id}` };
    },
  };
}
