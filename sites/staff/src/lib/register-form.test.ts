import { describe, expect, it } from "vitest";
import {
  EMPTY_REGISTER,
  readRegisterForm,
  toRegistration,
  validateRegister,
} from "./register-form";

const directory = {
  villages: [
    { id: "meijing", name: "梅泾村", kind: "village", groups: [{ id: "meijing-03", name: "3组" }] },
  ],
  categories: [{ code: "environment", name: "环境与河道", description: "" }],
};

const good = {
  ...EMPTY_REGISTER,
  channel: "phone",
  villageId: "meijing",
  groupId: "meijing-03",
  categoryCode: "environment",
  description: " 倪巷浜河水发黑发臭，附近居民反映强烈。 ",
  contactName: "倪阿姨",
  contactPhone: "13912345678",
};

describe("staff registration form", () => {
  it("reads the form and builds the body with the channel", () => {
    const f = new FormData();
    for (const [k, v] of Object.entries(good)) f.set(k, String(v));
    f.delete("anonymous");
    const v = readRegisterForm(f);
    expect(validateRegister(v, directory)).toEqual({});
    expect(toRegistration(v)).toEqual({
      channel: "phone",
      villageId: "meijing",
      groupId: "meijing-03",
      categoryCode: "environment",
      description: "倪巷浜河水发黑发臭，附近居民反映强烈。",
      anonymous: false,
      contactName: "倪阿姨",
      contactPhone: "13912345678",
    });
  });
  it("sends residentToldOfSms only when the box is ticked", () => {
    const f = new FormData();
    f.set("residentToldOfSms", "on");
    expect(readRegisterForm(f).residentToldOfSms).toBe(true);
    expect(readRegisterForm(new FormData()).residentToldOfSms).toBe(false);
    expect(toRegistration({ ...good, residentToldOfSms: true }).residentToldOfSms).toBe(true);
    expect(toRegistration(good)).not.toHaveProperty("residentToldOfSms");
  });
  it("leaves contact details out when anonymous", () => {
    expect(toRegistration({ ...good, anonymous: true })).not.toHaveProperty("contactPhone");
  });
  it("flags missing and bad fields", () => {
    const p = validateRegister(
      { ...EMPTY_REGISTER, channel: "online", groupId: "x", description: "短", contactPhone: "12" },
      directory,
    );
    expect(p.channel?.key).toBe("val.choose");
    expect(p.villageId?.key).toBe("val.choose");
    expect(p.categoryCode?.key).toBe("val.choose");
    expect(p.description?.key).toBe("val.tooShort");
    expect(p.contactPhone?.key).toBe("val.phone");
    expect(validateRegister({ ...good, groupId: "doumen-01" }, directory).groupId?.key).toBe(
      "val.groupMismatch",
    );
  });
  it("checks phone numbers by the API's rule", () => {
    const phone = (contactPhone: string) =>
      validateRegister({ ...good, contactPhone }, directory).contactPhone?.key;
    expect(phone("139 1234 5678")).toBeUndefined();
    expect(phone("0510-83312345 转 8")).toBeUndefined();
    expect(phone("83312345")).toBeUndefined();
    expect(phone("12345")).toBe("val.phone");
  });
});
