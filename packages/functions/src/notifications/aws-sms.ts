import type * as SmsVoice from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { AWS_CLIENT_TIMEOUTS, loadSdk } from "../aws-sdk.js";
import type { SmsProvider, SmsRequest, SmsResult } from "./sms-provider.js";

/** AWS End User Messaging SMS: the origination identity (a phone number, sender id or pool). */
export interface AwsSmsConfig {
  originationIdentity: string;
  region?: string;
  /** A configuration set, for delivery events (optional). */
  configurationSet?: string;
}

/** The slice of the client the adapter uses: the real one, or a test's recorder. */
export interface AwsSmsClient {
  send(command: SmsVoice.SendTextMessageCommand): Promise<{ MessageId?: string }>;
}

/**
 * AWS End User Messaging SMS (`@aws-sdk/client-pinpoint-sms-voice-v2`, SendTextMessage), for
 * the AWS stack: the whole text, transactional. The IAM grant is that one action, on the
 * sender's role only. A 4xx (validation, throttling, a quota, access) proves the message did
 * not go; a 5xx or a timeout proves nothing and is thrown.
 */
export function awsSmsProvider(
  config: AwsSmsConfig,
  sdk: typeof SmsVoice = loadSdk<typeof SmsVoice>("@aws-sdk/client-pinpoint-sms-voice-v2"),
  client?: AwsSmsClient,
): SmsProvider {
  const sdkClient: AwsSmsClient =
    client ??
    new sdk.PinpointSMSVoiceV2Client({
      ...(config.region ? { region: config.region } : {}),
      requestHandler: AWS_CLIENT_TIMEOUTS,
      maxAttempts: 1,
    });
  return {
    name: "aws",
    async send(request: SmsRequest): Promise<SmsResult> {
      const command = new sdk.SendTextMessageCommand({
        DestinationPhoneNumber: request.to,
        OriginationIdentity: config.originationIdentity,
        MessageBody: request.text,
        MessageType: "TRANSACTIONAL",
        ...(config.configurationSet ? { ConfigurationSetName: config.configurationSet } : {}),
        Context: { lianxinMessageId: request.id, kind: request.kind },
      });
      try {
        const { MessageId } = await sdkClient.send(command);
        if (!MessageId) throw new Error("SendTextMessage answered without a MessageId");
        return { kind: "sent", providerId: MessageId };
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode;
        if (status && status >= 400 && status < 500) {
          return {
            kind: "not_sent",
            error: `${(error as Error).name}: ${(error as Error).message}`,
          };
        }
        throw error;
      }
    },
  };
}
