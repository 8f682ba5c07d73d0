import { describe, expect, it } from "vitest";
import { buildDemoDirectory } from "../directory/demo-directory.js";
import { DEMO_REPLY_TEMPLATES } from "./demo-templates.js";
import {
  editReplyTemplate,
  fillReplyTemplate,
  newReplyTemplate,
  placeholderProblem,
  type ReplyContext,
  ReplyTemplateId,
  ReplyTemplateInput,
  replyDueDate,
  retireReplyTemplate,
  templatesForConcern,
} from "./templates.js";

// 2026-12-06 23:30 UTC is 12月7日 07:30 in Shanghai; the answer deadline 12-08 09:00 UTC is 12月8日.
const ctx: ReplyContext = {
  concern: {
    ledgerNo: "LS-2026-000123",
    committedDate: null,
    deadlines: {
      signForBy: "2026-12-02T09:00:00.000Z",
      respondBy: "2026-12-03T09:00:00.000Z",
      answerBy: "2026-12-08T09:00:00.000Z",
    },
  },
  villageName: "梅泾村",
  departmentName: "环保分局",
  now: new Date("2026-12-06T23:30:00.000Z"),
};

const actor = { id: "staff-admin", name: "党政办" };
const input = (over: Partial<ReplyTemplateInput> = {}): ReplyTemplateInput => ({
  title: "已清理",
  body: "{village}的问题已由{department}处理。",
  categoryCode: "environment",
  outcomes: ["resolved"],
  actions: ["answer"],
  ...over,
});

describe("filling a template", () => {
  it("fills each placeholder", () => {
    expect(fillReplyTemplate("{village}", ctx)).toBe("梅泾村");
    expect(fillReplyTemplate("{department}", ctx)).toBe("环保分局");
    expect(fillReplyTemplate("{ledgerNo}", ctx)).toBe("LS-2026-000123");
    expect(fillReplyTemplate("{dueDate}", ctx)).toBe("12月8日");
    expect(fillReplyTemplate("{today}", ctx)).toBe("12月7日");
  });

  it("writes dates the Chinese way, in Shanghai time, without leading zeros", () => {
    const late = { ...ctx, now: new Date("2026-01-04T16:30:00.000Z") };
    expect(fillReplyTemplate("今天{today}", late)).toBe("今天1月5日");
    // 15:59 UTC is still the same day in Shanghai (23:59), 16:00 the next.
    const answerBy = "2026-03-01T15:59:00.000Z";
    const c = {
      ...ctx,
      concern: { ...ctx.concern, deadlines: { ...ctx.concern.deadlines, answerBy } },
    };
    expect(fillReplyTemplate("{dueDate}", c)).toBe("3月1日");
  });

  it("promises the committed date of a deferred concern", () => {
    const deferred = { ...ctx, concern: { ...ctx.concern, committedDate: "2026-12-20" } };
    expect(replyDueDate(deferred.concern)).toBe("2026-12-20");
    expect(fillReplyTemplate("将于{dueDate}前完成", deferred)).toBe("将于12月20日前完成");
  });

  it("fills a whole text, repeats included, and leaves other text alone", () => {
    expect(
      fillReplyTemplate(
        "您反映的{village}问题（{ledgerNo}）已于{today}办结。{village}｛备注｝",
        ctx,
      ),
    ).toBe("您反映的梅泾村问题（LS-2026-000123）已于12月7日办结。梅泾村｛备注｝");
    expect(fillReplyTemplate("{name}", ctx)).toBe("{name}");
  });
});

describe("a template's text", () => {
  it("refuses unknown placeholders, naming them", () => {
    expect(placeholderProblem("{village}{resident}")).toEqual({
      kind: "unknown",
      name: "resident",
    });
    const result = ReplyTemplateInput.safeParse(input({ body: "您好，{resident}：已处理。" }));
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join(".") === "body");
    const words = (issue as { params?: { words?: Record<string, string> } }).params?.words;
    expect(words?.["zh-CN"]).toContain("{resident}");
    expect(words?.en).toContain("{resident}");
  });

  it("refuses unbalanced braces", () => {
    for (const body of ["已处理{village", "已处理}", "{{village}}", "{village{today}}", "{}"]) {
      expect(placeholderProblem(body), body).not.toBeNull();
      expect(ReplyTemplateInput.safeParse(input({ body })).success, body).toBe(false);
    }
    expect(placeholderProblem("全角｛括号｝可以")).toBeNull();
  });

  it("must fit the text of every form that offers it", () => {
    const long = "字".repeat(600);
    expect(ReplyTemplateInput.safeParse(input({ body: long })).success).toBe(true);
    const deferred = ReplyTemplateInput.safeParse(
      input({ body: long, actions: ["answer", "defer"] }),
    );
    const issue = deferred.error?.issues.find((i) => i.path.join(".") === "body");
    const words = (issue as { params?: { words?: Record<string, string> } }).params?.words;
    expect(words?.["zh-CN"]).toBe("用于所选表单的文字最多 500 字，现在是 600 字");
  });

  it("takes clean free text only, within its limits", () => {
    expect(ReplyTemplateInput.safeParse(input({ body: "已处理\u202E" })).success).toBe(false);
    expect(ReplyTemplateInput.safeParse(input({ title: "   " })).success).toBe(false);
    expect(ReplyTemplateInput.safeParse(input({ actions: [] })).success).toBe(false);
    expect(ReplyTemplateInput.safeParse(input({ body: "字".repeat(4001) })).success).toBe(false);
    const ok = ReplyTemplateInput.safeParse(input({ title: "  已清理  ", categoryCode: null }));
    expect(ok.data).toMatchObject({ title: "已清理", categoryCode: null });
  });
});

describe("a template's life", () => {
  it("is created at version 0, edited and retired with the version bumped", () => {
    const t = newReplyTemplate(input({ actions: ["defer", "answer", "answer"] }), {
      id: "t1",
      at: "2026-12-01T00:00:00.000Z",
      actor,
    });
    expect(t).toMatchObject({ version: 0, actions: ["answer", "defer"], retiredAt: null });
    const edited = editReplyTemplate(t, input({ body: "新文本" }), {
      at: "2026-12-02T00:00:00.000Z",
      actor,
    });
    expect(edited).toMatchObject({ version: 1, body: "新文本", createdAt: t.createdAt });
    const retired = retireReplyTemplate(edited, {
      at: "2026-12-03T00:00:00.000Z",
      actor,
      reason: "过时",
    });
    expect(retired).toMatchObject({
      version: 2,
      retiredAt: "2026-12-03T00:00:00.000Z",
      retireReason: "过时",
    });
  });

  it("offers the category's templates first, then general ones; never retired or other categories'", () => {
    const at = "2026-12-01T00:00:00.000Z";
    const make = (id: string, over: Partial<ReplyTemplateInput>) =>
      newReplyTemplate(input(over), { id, at, actor });
    const list = [
      make("general", { title: "A 通用", categoryCode: null }),
      make("env-b", { title: "B 环保" }),
      make("env-a", { title: "A 环保" }),
      make("roads", { title: "道路", categoryCode: "roads_lighting" }),
      make("respond", { title: "回应", actions: ["respond"] }),
      retireReplyTemplate(make("old", { title: "旧" }), { at, actor, reason: "过时" }),
    ];
    const offered = templatesForConcern(list, "environment", ctx, "answer");
    expect(offered.map((t) => t.id)).toEqual(["env-a", "env-b", "general"]);
    expect(offered[0]?.text).toBe("梅泾村的问题已由环保分局处理。");
    expect(templatesForConcern(list, "environment", ctx).map((t) => t.id)).toContain("respond");
  });
});

describe("the demo town's templates", () => {
  it("are valid templates of the demo's categories, with unique ids", () => {
    const codes = new Set(buildDemoDirectory().categories.map((c) => c.code));
    const ids = DEMO_REPLY_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, ...template } of DEMO_REPLY_TEMPLATES) {
      expect(ReplyTemplateId.safeParse(id).success, id).toBe(true);
      expect(ReplyTemplateInput.safeParse(template).error, id).toBeUndefined();
      if (template.categoryCode) expect(codes, id).toContain(template.categoryCode);
    }
    // Every form finds at least one general template.
    for (const action of ["answer", "respond", "defer"] as const) {
      expect(DEMO_REPLY_TEMPLATES.some((t) => !t.categoryCode && t.actions.includes(action))).toBe(
        true,
      );
    }
  });
});
