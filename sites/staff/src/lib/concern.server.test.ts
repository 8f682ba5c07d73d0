import type { Api } from "@lianxin/site-kit/api.server";
import type { ApiResult } from "@lianxin/site-kit/api-result";
import { describe, expect, it } from "vitest";
import { runAction } from "./concern.server";

const IDS = ["uAAAAAAAAAAAAAAAAAAAAA1", "uAAAAAAAAAAAAAAAAAAAAA2"];

function fakeApi(answer: ApiResult<unknown>) {
  const bodies: unknown[] = [];
  const api = {
    post: async (_path: string, options: { body: unknown }) => {
      bodies.push(options.body);
      return answer;
    },
  } as unknown as Api;
  return { api, bodies };
}

function answerForm(extra: [string, string][] = []) {
  const form = new FormData();
  form.set("type", "answer");
  form.set("expectedVersion", "3");
  form.set("outcome", "resolved");
  form.set("publicReply", "已清淤。");
  for (const [k, v] of extra) form.append(k, v);
  return form;
}

describe("runAction with evidence files", () => {
  it("passes the answer's upload ids to the API as an array", async () => {
    const { api, bodies } = fakeApi({ ok: true, status: 200, data: {} });
    const form = answerForm([
      ["evidenceFiles", IDS[0] ?? ""],
      ["evidenceFiles", IDS[1] ?? ""],
      ["evidenceFiles", "not-an-id"],
    ]);
    const out = await runAction(api, "zh-CN", "LS-2026-000001", form);
    expect(out.kind).toBe("done");
    expect(bodies).toEqual([
      {
        type: "answer",
        expectedVersion: 3,
        outcome: "resolved",
        publicReply: "已清淤。",
        evidenceFiles: IDS,
      },
    ]);
  });

  it("sends none for an action that takes none", async () => {
    const { api, bodies } = fakeApi({ ok: true, status: 200, data: {} });
    const form = new FormData();
    form.set("type", "accept");
    form.set("expectedVersion", "1");
    form.append("evidenceFiles", IDS[0] ?? "");
    await runAction(api, "zh-CN", "LS-2026-000001", form);
    expect(bodies).toEqual([{ type: "accept", expectedVersion: 1 }]);
  });

  it("keeps the ids and shows the API's evidenceFiles error when it refuses them", async () => {
    const { api } = fakeApi({
      ok: false,
      kind: "http",
      status: 400,
      error: {
        code: "validation_failed",
        message: "请检查",
        fields: { evidenceFiles: "文件不属于本诉求" },
      },
      retryAfter: null,
    });
    const out = await runAction(
      api,
      "zh-CN",
      "LS-2026-000001",
      answerForm([["evidenceFiles", IDS[0] ?? ""]]),
    );
    expect(out.kind).toBe("failed");
    const posted = out.kind === "failed" ? out.posted : null;
    expect(posted?.evidenceFiles).toEqual([IDS[0]]);
    expect(posted?.errors.evidenceFiles).toBe("文件不属于本诉求");
  });
});
