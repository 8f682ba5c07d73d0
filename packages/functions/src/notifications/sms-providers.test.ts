import { beforeAll, describe, expect, it } from "vitest";
import { type AliyunSmsClient, aliyunSmsProvider, loadAliyunModules } from "./aliyun-sms.js";
import { type AwsSmsClient, awsSmsProvider } from "./aws-sms.js";
import type { SmsRequest } from "./sms-provider.js";

/**
 * Each adapter gives its provider's real SDK the exact request (the SDK's own request and
 * command classes), through a client that records it instead of going on the network.
 */
const request: SmsRequest = {
  id: "msg-1",
  kind: "answered",
  to: "+8613800138000",
  params: {
    ledgerNo: "LS-2026-000123",
    outcome: "解决到位",
    date: "12月16日",
    link: "https://x/t/a",
  },
  text: "【洛社镇】您的诉求LS-2026-000123已答复（解决到位），请于12月16日前评价：https://x/t/a",
};

describe("Aliyun SMS adapter", () => {
  const load = loadAliyunModules;
  let modules: Awaited<ReturnType<typeof loadAliyunModules>>;
  beforeAll(async () => {
    modules = await load();
  });
  const config = {
    accessKeyId: "test-id",
    accessKeySecret: "test-secret",
    signName: "洛社镇",
    templates: { answered: "SMS_000000001" },
  };
  const recorder = (answer: () => Promise<{ body?: Record<string, string> }>) => {
    const calls: Array<{ request: unknown; runtime: unknown }> = [];
    const client: AliyunSmsClient = {
      sendSmsWithOptions: async (req, runtime) => {
        calls.push({ request: req, runtime });
        return answer();
      },
    };
    return { calls, client };
  };

  it("sends the registered template's code, its parameters and the phone in E.164", async () => {
    const { calls, client } = recorder(async () => ({
      body: { code: "OK", bizId: "900619746936498440^0" },
    }));
    const provider = aliyunSmsProvider(config, load, client);
    expect(await provider.send(request)).toEqual({
      kind: "sent",
      providerId: "900619746936498440^0",
    });
    const [call] = calls;
    expect(call?.request).toBeInstanceOf(modules.dysms.SendSmsRequest);
    expect({ ...(call?.request as object) }).toMatchObject({
      phoneNumbers: "+8613800138000",
      signName: "洛社镇",
      templateCode: "SMS_000000001",
      templateParam: JSON.stringify(request.params),
      outId: "msg-1",
    });
    expect(call?.runtime).toBeInstanceOf(modules.dara.RuntimeOptions);
    expect(call?.runtime).toMatchObject({
      connectTimeout: 2000,
      readTimeout: 5000,
      autoretry: false,
    });
  });

  it("counts a refusal as not sent, and throws what proves nothing", async () => {
    const refused = recorder(async () => ({
      body: { code: "isv.BUSINESS_LIMIT_CONTROL", message: "触发天级流控" },
    }));
    expect(await aliyunSmsProvider(config, load, refused.client).send(request)).toEqual({
      kind: "not_sent",
      error: "isv.BUSINESS_LIMIT_CONTROL: 触发天级流控",
    });
    const clientError = recorder(async () => {
      throw new modules.openapi.ClientError({
        code: "InvalidAccessKeyId.NotFound",
        message: "bad key",
        statusCode: 404,
      });
    });
    expect((await aliyunSmsProvider(config, load, clientError.client).send(request)).kind).toBe(
      "not_sent",
    );
    const timeout = recorder(async () => {
      throw new Error("ETIMEDOUT");
    });
    await expect(aliyunSmsProvider(config, load, timeout.client).send(request)).rejects.toThrow(
      "ETIMEDOUT",
    );
    // No template registered for a kind: nothing is sent.
    expect(
      (await aliyunSmsProvider({ ...config, templates: {} }, load, refused.client).send(request))
        .kind,
    ).toBe("not_sent");
  });

  it("builds the real client from the real SDK, without sending anything", async () => {
    const { dysms } = await load();
    const exported = dysms.default as unknown as { default?: unknown };
    const Client = (exported.default ?? exported) as new (c: unknown) => AliyunSmsClient;
    const { openapi } = await load();
    const real = new Client(
      new openapi.$OpenApiUtil.Config({
        accessKeyId: "a",
        accessKeySecret: "b",
        endpoint: "dysmsapi.aliyuncs.com",
      }),
    );
    expect(typeof real.sendSmsWithOptions).toBe("function");
    expect(aliyunSmsProvider(config).name).toBe("aliyun");
  });
});

describe("AWS End User Messaging SMS adapter", () => {
  const config = { originationIdentity: "pool-0123456789abcdef", region: "ap-southeast-1" };
  const recorder = (answer: () => Promise<{ MessageId?: string }>) => {
    const commands: unknown[] = [];
    const client: AwsSmsClient = {
      send: async (command) => {
        commands.push(command);
        return answer();
      },
    };
    return { commands, client };
  };

  it("sends the whole text as a transactional SendTextMessage", async () => {
    const { SendTextMessageCommand } = await import("@aws-sdk/client-pinpoint-sms-voice-v2");
    const { commands, client } = recorder(async () => ({ MessageId: "aws-msg-1" }));
    const provider = awsSmsProvider(config, undefined, client);
    expect(await provider.send(request)).toEqual({ kind: "sent", providerId: "aws-msg-1" });
    expect(commands[0]).toBeInstanceOf(SendTextMessageCommand);
    expect((commands[0] as InstanceType<typeof SendTextMessageCommand>).input).toEqual({
      DestinationPhoneNumber: "+8613800138000",
      OriginationIdentity: "pool-0123456789abcdef",
      MessageBody: request.text,
      MessageType: "TRANSACTIONAL",
      Context: { lianxinMessageId: "msg-1", kind: "answered" },
    });
  });

  it("counts a 4xx as not sent and throws a 5xx or a timeout", async () => {
    const fail = (status: number) =>
      recorder(async () => {
        throw Object.assign(new Error("refused"), {
          name: "ThrottlingException",
          $metadata: { httpStatusCode: status },
        });
      }).client;
    expect(await awsSmsProvider(config, undefined, fail(429)).send(request)).toEqual({
      kind: "not_sent",
      error: "ThrottlingException: refused",
    });
    await expect(awsSmsProvider(config, undefined, fail(503)).send(request)).rejects.toThrow(
      "refused",
    );
  });
});
