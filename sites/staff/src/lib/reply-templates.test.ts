import { describe, expect, it } from "vitest";
import {
  byAction,
  chosenTemplate,
  readTemplateForm,
  templateHref,
  templateValues,
  validateRetire,
  validateTemplate,
} from "./reply-templates";

const fields = {
  title: "已清理",
  body: "{village}的河道已于{today}清理。",
  categoryCode: "environment",
  outcomes: ["resolved"],
  actions: ["answer"],
};

describe("choosing a template on a concern's page", () => {
  it("reads ?template= and for=, and refuses anything else", () => {
    const href = templateHref("demo-roads-answer", "answer");
    expect(href).toBe("?template=demo-roads-answer&for=answer#action-answer");
    expect(chosenTemplate(new URL(`https://x/concerns/LS${href}`).searchParams)).toEqual({
      id: "demo-roads-answer",
      action: "answer",
    });
    for (const q of ["?template=Bad!&for=answer", "?template=a&for=merge", "?for=answer", ""]) {
      expect(chosenTemplate(new URLSearchParams(q)), q).toBeNull();
    }
  });

  it("fills the action's text field, and an answer's outcome when the template fits one", () => {
    const t = { text: "已处理", outcomes: ["resolved" as const] };
    expect(templateValues("answer", t)).toEqual({ publicReply: "已处理", outcome: "resolved" });
    expect(templateValues("answer", { ...t, outcomes: ["resolved", "explained"] })).toEqual({
      publicReply: "已处理",
    });
    expect(templateValues("respond", t)).toEqual({ summary: "已处理" });
    expect(templateValues("defer", t)).toEqual({ reason: "已处理" });
  });

  it("groups a concern's templates by the forms that offer them", () => {
    const one = {
      id: "a",
      title: "A",
      text: "",
      categoryCode: null,
      outcomes: [],
      actions: ["answer", "defer"] as const,
    };
    const grouped = byAction([{ ...one, actions: [...one.actions] }]);
    expect(grouped.answer.map((t) => t.id)).toEqual(["a"]);
    expect(grouped.defer.map((t) => t.id)).toEqual(["a"]);
    expect(grouped.respond).toEqual([]);
  });
});

describe("admin's template forms", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of entries) data.append(k, v);
    return data;
  };

  it("reads create, edit and retire, dropping unknown outcomes and actions", () => {
    const posted = readTemplateForm(
      form([
        ["op", "edit"],
        ["id", "t1"],
        ["expectedVersion", "2"],
        ["title", " 已清理 "],
        ["body", "文字\r\n第二行"],
        ["categoryCode", ""],
        ["outcomes", "resolved"],
        ["outcomes", "perfect"],
        ["actions", "answer"],
        ["actions", "merge"],
      ]),
    );
    expect(posted).toMatchObject({
      op: "edit",
      id: "t1",
      expectedVersion: 2,
      title: "已清理",
      body: "文字\n第二行",
      outcomes: ["resolved"],
      actions: ["answer"],
    });
    expect(
      readTemplateForm(
        form([
          ["op", "retire"],
          ["expectedVersion", "x"],
        ]),
      ),
    ).toMatchObject({
      expectedVersion: -1,
    });
    expect(readTemplateForm(form([["op", "delete"]]))).toBeNull();
  });

  it("names unknown placeholders and unbalanced braces before the API does", () => {
    expect(validateTemplate(fields)).toEqual({});
    expect(validateTemplate({ ...fields, body: "您好{resident}" }).body).toMatchObject({
      key: "tpl.badPlaceholder",
      vars: { found: "{resident}" },
    });
    for (const body of ["已处理{village", "已处理}", "{{village}}"]) {
      expect(validateTemplate({ ...fields, body }).body?.key, body).toBe("tpl.badPlaceholder");
    }
    expect(validateTemplate({ ...fields, actions: [] }).actions?.key).toBe("tpl.actionsRequired");
    expect(validateTemplate({ ...fields, title: "" }).title?.key).toBe("val.required");
    expect(validateRetire({ reason: "" }).reason?.key).toBe("val.required");
  });
});
