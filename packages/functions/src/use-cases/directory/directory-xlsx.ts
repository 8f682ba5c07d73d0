import {
  DIRECTORY_SHEETS,
  type DirectoryChange,
  DomainError,
  directoryRows,
  hashPassword,
  type ImportSheets,
  type Locale,
  localizeRejection,
  may,
  planDirectoryImport,
  type RosterAccount,
  SHEET_KEYS,
  type SheetColumn,
  type SheetRow,
  type StaffAccount,
  shanghaiDate,
} from "@lianxin/core";
import type { AuditEntry } from "@lianxin/store";
import type { Deps } from "../../deps.js";
import { auditedAccount, temporaryPassword } from "../accounts/accounts-admin.js";
import { authorize } from "../accounts/authorize.js";
import type { StaffAuth } from "../accounts/session.js";
import { forgetDirectory } from "./current-directory.js";
import { writesFor } from "./directory-admin.js";
import { forgetKnownPeople } from "./known-people.js";

/**
 * The whole directory (and the staff roster) as an Excel workbook, and back. exceljs
 * (about 1 MB) is imported here, on first use, never by the API's other routes.
 */

export { MAX_IMPORT_BYTES } from "../../http/binary-body.js";

/** More rows than any town's roster; a bigger sheet is refused rather than read. */
const MAX_ROWS_PER_SHEET = 5_000;

const toRoster = (a: StaffAccount): RosterAccount => ({
  id: a.id,
  username: a.username,
  name: a.name,
  role: a.role,
  departmentId: a.departmentId,
  villageIds: a.villageIds,
  phone: a.phone ?? null,
  active: a.active,
});

/** `GET /api/staff/directory.xlsx`: one sheet per kind, header rows in Chinese. */
export async function exportDirectoryXlsx(deps: Deps, auth: StaffAuth) {
  authorize(auth, "directory.read");
  const [directory, accounts] = await Promise.all([
    deps.store.loadDirectory(),
    deps.store.listStaffAccounts(),
  ]);
  // Staff phones are personal data: only admin's copy carries them.
  const roster = accounts
    .map(toRoster)
    .map((a) => (may(auth.user, "staff_phone.read") ? a : { ...a, phone: null }));
  const rows = directoryRows(directory, roster);
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Lianxin";
  for (const key of SHEET_KEYS) {
    const spec = DIRECTORY_SHEETS[key];
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = (spec.columns as readonly SheetColumn[]).map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      // Ids and phones are text: Excel must not turn 13800138000 into 1.38E+10.
      style: { numFmt: "@" },
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows[key]) sheet.addRow(row);
  }
  const body = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { body, fileName: `directory-${shanghaiDate(deps.now())}.xlsx` };
}

function notAWorkbook(): DomainError {
  return new DomainError("validation_failed", {
    fields: {
      body: {
        kind: "invalid",
        message: { "zh-CN": "不是有效的 xlsx 文件", en: "Not a readable xlsx workbook" },
      },
    },
  });
}

/** Reads the workbook's sheets into plain rows (by column key), with Excel row numbers. */
async function readSheets(bytes: Uint8Array): Promise<ImportSheets> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw notAWorkbook();
  }
  const sheets: ImportSheets = {};
  for (const key of SHEET_KEYS) {
    const spec = DIRECTORY_SHEETS[key];
    const sheet = workbook.getWorksheet(spec.name);
    if (!sheet) continue;
    if (sheet.rowCount > MAX_ROWS_PER_SHEET + 1) {
      throw new DomainError("validation_failed", {
        fields: {
          body: {
            kind: "invalid",
            message: {
              "zh-CN": `「${spec.name}」超过 ${MAX_ROWS_PER_SHEET} 行`,
              en: `“${spec.name}” has more than ${MAX_ROWS_PER_SHEET} rows`,
            },
          },
        },
      });
    }
    const headers: string[] = [];
    const keyOf = new Map<number, string>();
    sheet.getRow(1).eachCell((cell, colNumber) => {
      const text = cell.text.trim();
      headers.push(text);
      const column = (spec.columns as readonly SheetColumn[]).find(
        (c) => c.header === text || c.headerEn === text,
      );
      if (column) keyOf.set(colNumber, column.key);
    });
    const rows: SheetRow[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: Record<string, string> = {};
      let any = false;
      row.eachCell((cell, colNumber) => {
        const key = keyOf.get(colNumber);
        if (!key) return;
        const text = cell.text.trim();
        if (text) any = true;
        values[key] = text;
      });
      if (any) rows.push({ row: rowNumber, values });
    });
    sheets[key] = { headers, rows };
  }
  if (!Object.keys(sheets).length) {
    throw new DomainError("validation_failed", {
      fields: {
        body: {
          kind: "invalid",
          message: {
            "zh-CN": `工作簿中没有可导入的工作表（${SHEET_KEYS.map((k) => DIRECTORY_SHEETS[k].name).join("、")}）`,
            en: "The workbook has none of the directory's sheets",
          },
        },
      },
    });
  }
  return sheets;
}

/**
 * `POST /api/staff/directory/import?dryRun=true|false`: checks every row; if any is
 * rejected nothing is written (dry run or not). Otherwise, unless a dry run, writes the
 * changed entries and accounts with their audit items. New accounts get a temporary
 * password, returned this once.
 */
export async function importDirectoryXlsx(
  deps: Deps,
  auth: StaffAuth,
  bytes: Uint8Array,
  dryRun: boolean,
  locale: Locale,
) {
  authorize(auth, "directory.edit");
  const sheets = await readSheets(bytes);
  const [directory, accounts] = await Promise.all([
    deps.store.loadDirectory(),
    deps.store.listStaffAccounts(),
  ]);
  const now = deps.now();
  const at = now.toISOString();
  const plan = planDirectoryImport(sheets, { directory, accounts: accounts.map(toRoster) }, at);
  const answer = {
    dryRun,
    rows: plan.rows,
    changes: plan.changes,
    rejected: plan.rejected.map((r) => localizeRejection(r, locale)),
    written: 0,
    temporaryPasswords: [] as Array<{ username: string; name: string; password: string }>,
  };
  if (dryRun || plan.rejected.length) return answer;

  const actor = { id: auth.user.id, name: auth.user.name };
  const audit = (change: DirectoryChange): AuditEntry => ({
    id: deps.newId(),
    at,
    actor,
    subject: `${change.kind}#${change.id}`,
    before: change.before,
    after: change.after,
  });
  const entries = await deps.store.writeDirectoryEntries(
    writesFor(directory, plan.directory, plan.changed, audit),
  );
  if (plan.changed.length) forgetDirectory(deps);

  const updates = [];
  let created = 0;
  for (const { before, after } of plan.accountChanges) {
    const accountAudit = (b: unknown, a: unknown): AuditEntry => ({
      id: deps.newId(),
      at,
      actor,
      subject: `account#${after.id}`,
      before: b,
      after: a,
    });
    if (before) {
      const current = accounts.find((x) => x.id === before.id);
      updates.push({
        edit: after,
        username: current?.username ?? after.username,
        audit: accountAudit(auditedAccount(current ?? null), auditedAccount(after)),
      });
      continue;
    }
    const password = temporaryPassword(deps);
    const account: StaffAccount = {
      ...after,
      passwordHash: hashPassword(password, deps.randomBytes(16)),
      mustChangePassword: true,
      createdAt: at,
      updatedAt: at,
    };
    const ok = await deps.store.createStaffAccount(
      account,
      accountAudit(null, { username: after.username, ...auditedAccount(account) }),
    );
    if (!ok) throw new DomainError("conflict", { detail: `account ${after.id} taken meanwhile` });
    created++;
    answer.temporaryPasswords.push({ username: after.username, name: after.name, password });
  }
  await deps.store.updateStaffAccounts(updates);
  if (created || updates.length) forgetKnownPeople(deps);
  answer.written = entries + created + updates.length;
  return answer;
}
