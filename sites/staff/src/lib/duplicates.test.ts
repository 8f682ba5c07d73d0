import type { Api } from "@lianxin/site-kit/api.server";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/messages";
import { runAction } from "./concern.server";
import { mergeFormFields, offersDuplicates } from "./duplicates";

describe("possible duplicates on the concern page", () => {
  it("are offered only to those who may merge the concern", () => {
    expect(offersDuplicates(["accept", "merge"])).toBe(true);
    expect(offersDuplicates(["note", "urge"])).toBe(false);
    expect(offersDuplicates(undefined)).toBe(false);
  });

  it("post the existing merge action with the target and the reason filled in", async () => {
    const reason = t("zh-CN", "dup.reason", { ledgerNo: "LS-2026-000123", score: 72 });
    expect(reason).toBe("与 LS-2026-000123 反映同一问题（相似度 72%）");
    const form = new FormData();
    for (const [name, value] of mergeFormFields(
      { version: 4 },
      { ledgerNo: "LS-2026-000123" },
      reason,
    )) {
      form.append(name, value);
    }
    expect(form.get("intent")).toBe("action");
    const bodies: unknown[] = [];
    const api = {
      post: async (_path: string, options: { body: unknown }) => {
        bodies.push(options.body);
        return { ok: true, status: 200, data: {} };
      },
    } as unknown as Api;
    const out = await runAction(api, "zh-CN", "LS-2026-000124", form);
    expect(out.kind).toBe("done");
    expect(bodies).toEqual([
      { type: "merge", expectedVersion: 4, targetLedgerNo: "LS-2026-000123", reason },
    ]);
  });

  it("say the reason in English too", () => {
    expect(t("en", "dup.reason", { ledgerNo: "LS-2026-000123", score: 72 })).toBe(
      "Reports the same problem as LS-2026-000123 (72% similar)",
    );
  });
});
