// The directory admin forms (/directory/edit): read a posted form into the API's body for
// `PUT /api/staff/directory/{kind}/{id}`, `POST /api/staff/accounts`, `PATCH …/accounts/{id}`,
// and tie the API's field errors back to the form's inputs. Pure. Input names are the API's
// field paths (`head.id`, `limits.signFor.amount`), so errors find their input by name.

import type { DirectoryEntryKind } from "@lianxin/contract";

type FormLike = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

/** The workbook's media type: what the import sends and the export asks for. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The largest workbook the import page passes on. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Imports and exports read or write the whole directory: longer than a page's call. */
export const WORKBOOK_TIMEOUT_MS = 30_000;

/** Empty rows offered for new villager groups. */
export const NEW_GROUP_ROWS = 3;

const text = (form: FormLike, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.normalize("NFKC").trim() : "";
};
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A village's centre from `centre.lat` and `centre.long` (WGS84 degrees): null when both are
 * empty (no centre), else the numbers; a value that is no number goes as typed, so that the
 * API's message names its input.
 */
function centreOf(form: FormLike): { lat: unknown; long: unknown } | null {
  const lat = text(form, "centre.lat");
  const long = text(form, "centre.long");
  if (!lat && !long) return null;
  const number = (v: string) => (/^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  return { lat: number(lat), long: number(long) };
}

export type DirectoryFormKind = DirectoryEntryKind | "accounts";

/** The body the API expects, from the posted form. Numbers stay numbers only if they read as such. */
export function readDirectoryForm(
  kind: DirectoryFormKind,
  form: FormLike,
): Record<string, unknown> {
  switch (kind) {
    case "villages": {
      const groups: Array<{ id: string; name: string }> = [];
      const ids = form.getAll("groupId");
      const names = form.getAll("groupName");
      ids.forEach((raw, i) => {
        const id = typeof raw === "string" ? raw.trim() : "";
        const nameRaw = names[i];
        const name = typeof nameRaw === "string" ? nameRaw.normalize("NFKC").trim() : "";
        if (id || name) groups.push({ id, name });
      });
      return {
        name: text(form, "name"),
        kind: text(form, "kind"),
        contactLeaderId: text(form, "contactLeaderId"),
        centre: centreOf(form),
        groups,
      };
    }
    case "departments":
      return {
        name: text(form, "name"),
        nameEn: text(form, "nameEn"),
        kind: text(form, "kind"),
        head: { id: text(form, "head.id"), name: text(form, "head.name") },
        pairedVillageId: text(form, "pairedVillageId"),
      };
    case "leaders":
      return {
        name: text(form, "name"),
        title: text(form, "title"),
        surveyPoints: lines(text(form, "surveyPoints")),
      };
    case "categories": {
      const overrides: Record<string, string> = {};
      for (const line of lines(text(form, "villageOverrides"))) {
        const [v, d] = line.split(/\s*[=:：]\s*/);
        overrides[v ?? line] = d ?? "";
      }
      const limit = (stage: string) => {
        const amount = text(form, `limits.${stage}.amount`);
        return {
          amount: /^\d{1,6}$/.test(amount) ? Number(amount) : amount,
          unit: text(form, `limits.${stage}.unit`),
        };
      };
      return {
        name: text(form, "name"),
        nameEn: text(form, "nameEn"),
        description: text(form, "description"),
        descriptionEn: text(form, "descriptionEn"),
        departmentId: text(form, "departmentId") || null,
        villageOverrides: overrides,
        conductComplaint: form.get("conductComplaint") === "on",
        urgent: form.get("urgent") === "on",
        limits: { signFor: limit("signFor"), respond: limit("respond"), answer: limit("answer") },
      };
    }
    case "accounts": {
      const villageIds = form
        .getAll("villageIds")
        .filter((v): v is string => typeof v === "string" && v.length > 0);
      return {
        name: text(form, "name"),
        role: text(form, "role"),
        departmentId: text(form, "departmentId") || null,
        villageIds,
        phone: text(form, "phone") || null,
      };
    }
  }
}

/**
 * The API's field errors by the form input they belong to: the longest input name that is
 * the key or a prefix of it (`limits.signFor.amount` → itself; `groups.3.name` → `groups`).
 * What matches no input comes back in `loose`.
 */
export function fieldErrorsFor(
  fields: Record<string, string> | undefined,
  inputs: readonly string[],
): { errors: Record<string, string>; loose: string[] } {
  const errors: Record<string, string> = {};
  const loose: string[] = [];
  const sorted = [...inputs].sort((a, b) => b.length - a.length);
  for (const [key, message] of Object.entries(fields ?? {})) {
    const input = sorted.find((n) => key === n || key.startsWith(`${n}.`));
    if (input && errors[input] === undefined) errors[input] = message;
    else loose.push(message);
  }
  return { errors, loose };
}

/** A form input's id on the page (names hold dots; ids keep to letters, digits and dashes). */
export const inputId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, "-")}`;
