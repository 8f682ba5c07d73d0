import type * as Dysms from "@alicloud/dysmsapi20170525";
import type * as OpenApi from "@alicloud/openapi-core";
import type * as Dara from "@darabonba/typescript";
import type { SmsKind } from "@lianxin/core";
import {
  SMS_PROVIDER_TIMEOUT_MS,
  type SmsProvider,
  type SmsRequest,
  type SmsResult,
} from "./sms-provider.js";

/** What the Aliyun adapter needs: secrets (the key pair) and parameters (sign, templates). */
export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** 签名 as registered with Aliyun: 洛社镇 (Aliyun adds the brackets). */
  signName: string;
  /** Template codes registered with Aliyun, by kind: SMS_123456789. */
  templates: Partial<Record<SmsKind, string>>;
  endpoint?: string;
}

/** The slice of the Aliyun client the adapter uses: the real one, or a test's recorder. */
export interface AliyunSmsClient {
  sendSmsWithOptions(
    request: Dysms.SendSmsRequest,
    runtime: Dara.RuntimeOptions,
  ): Promise<{ body?: { code?: string; message?: string; bizId?: string } }>;
}

/** The Aliyun SDK's modules. */
export interface AliyunModules {
  dysms: typeof Dysms;
  openapi: typeof OpenApi;
  dara: typeof Dara;
}

/**
 * Loaded on the first message, by `import()` with literal names: esbuild then bundles them
 * into the sender function (the Lambda runtime has no Aliyun SDK), and nothing else loads them.
 */
export async function loadAliyunModules(): Promise<AliyunModules> {
  const [dysms, openapi, dara] = await Promise.all([
    import("@alicloud/dysmsapi20170525"),
    import("@alicloud/openapi-core"),
    import("@darabonba/typescript"),
  ]);
  return { dysms, openapi, dara };
}

/**
 * Aliyun SMS (`@alicloud/dysmsapi20170525`, SendSms), what a mainland town would use: a
 * registered template's code and its parameters, never free text. A refusal comes back with
 * a code (isv.BUSINESS_LIMIT_CONTROL, isv.MOBILE_NUMBER_ILLEGAL…) or as a 4xx or throttling
 * error: each proves the message did not go. Anything else (a timeout, a 5xx) proves nothing
 * and is thrown.
 */
export function aliyunSmsProvider(
  config: AliyunSmsConfig,
  load: () => Promise<AliyunModules> = loadAliyunModules,
  client?: AliyunSmsClient,
): SmsProvider {
  let ready: Promise<{ modules: AliyunModules; sdkClient: AliyunSmsClient }> | undefined;
  const prepare = async () => {
    const modules = await load();
    const { dysms, openapi } = modules;
    // The CommonJS build's `exports.default` is the client class (under `import()`, once more
    // under `default`).
    const exported = dysms.default as unknown as { default?: unknown };
    const Client = (exported.default ?? exported) as new (
      config: OpenApi.$OpenApiUtil.Config,
    ) => AliyunSmsClient;
    const sdkClient =
      client ??
      new Client(
        new openapi.$OpenApiUtil.Config({
          accessKeyId: config.accessKeyId,
          accessKeySecret: config.accessKeySecret,
          endpoint: config.endpoint ?? "dysmsapi.aliyuncs.com",
        }),
      );
    return { modules, sdkClient };
  };
  return {
    name: "aliyun",
    async send(request: SmsRequest): Promise<SmsResult> {
      ready ??= prepare();
      const {
        modules: { dysms, openapi, dara },
        sdkClient,
      } = await ready;
      const templateCode = config.templates[request.kind];
      if (!templateCode)
        return { kind: "not_sent", error: `no Aliyun template for ${request.kind}` };
      let body: { code?: string; message?: string; bizId?: string } | undefined;
      try {
        ({ body } = await sdkClient.sendSmsWithOptions(
          new dysms.SendSmsRequest({
            phoneNumbers: request.to,
            signName: config.signName,
            templateCode,
            templateParam: JSON.stringify(request.params),
            outId: request.id,
          }),
          new dara.RuntimeOptions({
            connectTimeout: SMS_PROVIDER_TIMEOUT_MS.connect,
            readTimeout: SMS_PROVIDER_TIMEOUT_MS.read,
            autoretry: false,
          }),
        ));
      } catch (error) {
        if (error instanceof openapi.ThrottlingError) {
          return { kind: "not_sent", error: `throttled: ${error.message}` };
        }
        if (error instanceof openapi.ClientError) {
          return { kind: "not_sent", error: `${error.code}: ${error.message}` };
        }
        throw error;
      }
      if (body?.code === "OK" && body.bizId) return { kind: "sent", providerId: body.bizId };
      return { kind: "not_sent", error: `${body?.code ?? "no code"}: ${body?.message ?? ""}` };
    },
  };
}
