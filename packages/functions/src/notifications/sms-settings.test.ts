import { describe, expect, it } from "vitest";
import { readSmsSettings } from "./sms-settings.js";

const key = "r".repeat(32);
const aws = { LIANXIN_PUBLIC_SITE_URL: "https://lianxin.example.cn/" };

describe("the sender's settings", () => {
  it("use the local sink with DynamoDB Local, linking to the local public site", () => {
    const s = readSmsSettings({ DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" }, key);
    expect(s.provider.name).toBe("local-sink");
    expect(s).toMatchObject({
      siteUrl: "http://localhost:4321",
      signature: "【洛社镇】",
      townPerHour: 500,
    });
  });

  it("take a provider on AWS, and refuse the sink there", () => {
    expect(() => readSmsSettings(aws, key)).toThrow("SMS_PROVIDER must be");
    expect(() => readSmsSettings({ ...aws, SMS_PROVIDER: "local" }, key)).toThrow(
      "local stack only",
    );
    const s = readSmsSettings(
      { ...aws, SMS_PROVIDER: "aws", AWS_SMS_ORIGINATION_IDENTITY: "pool-1" },
      key,
    );
    expect(s).toMatchObject({ siteUrl: "https://lianxin.example.cn" });
    expect(s.provider.name).toBe("aws");
    expect(() => readSmsSettings({ ...aws, SMS_PROVIDER: "aws" }, key)).toThrow(
      "AWS_SMS_ORIGINATION_IDENTITY",
    );
  });

  it("check Aliyun's settings and template codes before the first message", () => {
    const aliyun = {
      ...aws,
      SMS_PROVIDER: "aliyun",
      ALIYUN_SMS_ACCESS_KEY_ID: "id",
      ALIYUN_SMS_ACCESS_KEY_SECRET: "secret",
      ALIYUN_SMS_SIGN_NAME: "洛社镇",
      ALIYUN_SMS_TEMPLATES: '{"receipt":"SMS_1","answered":"SMS_2"}',
    };
    expect(readSmsSettings(aliyun, key).provider.name).toBe("aliyun");
    expect(() =>
      readSmsSettings({ ...aliyun, ALIYUN_SMS_TEMPLATES: '{"hello":"SMS_1"}' }, key),
    ).toThrow("hello is not an SMS kind");
    expect(() => readSmsSettings({ ...aliyun, ALIYUN_SMS_SIGN_NAME: "" }, key)).toThrow(
      "ALIYUN_SMS_SIGN_NAME",
    );
  });

  it("refuse a site URL or an hourly cap that cannot be", () => {
    expect(() =>
      readSmsSettings({ SMS_PROVIDER: "aws", AWS_SMS_ORIGINATION_IDENTITY: "p" }, key),
    ).toThrow("LIANXIN_PUBLIC_SITE_URL");
    expect(() =>
      readSmsSettings({ DYNAMODB_ENDPOINT: "http://x", SMS_TOWN_PER_HOUR: "-3" }, key),
    ).toThrow("SMS_TOWN_PER_HOUR");
  });
});
