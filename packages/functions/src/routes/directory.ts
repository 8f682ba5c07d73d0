import { MAX_IMPORT_BYTES, readBinary } from "../http/binary-body.js";
import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import {
  fileBody,
  locale,
  param,
  publicRoute,
  type Route,
  staffRoute,
  xlsxFile,
} from "./define.js";

/**
 * The directory: the public one for the forms; departments and their staff for dispatching; the
 * admin's whole directory with xlsx export and import, retiring and reinstating entries, a
 * category's time limits, and the audit trail of every change. Each handler loads its use case
 * on first use.
 */
const staffDirectory = lazy(() => import("../use-cases/directory/departments.js"));
const directoryAdmin = lazy(() => import("../use-cases/directory/directory-admin.js"));
const directoryXlsx = lazy(() => import("../use-cases/directory/directory-xlsx.js"));

const currentDirectory = lazy(() => import("../use-cases/directory/current-directory.js"));

export const directoryRoutes: Route[] = [
  publicRoute("GET", "/api/directory", async (c, deps) => {
    const { publicDirectory } = await currentDirectory();
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await publicDirectory(deps, locale(c)));
  }),
  staffRoute("GET", "/api/staff/departments", async (c, deps) =>
    c.json(await (await staffDirectory()).listDepartments(deps, locale(c))),
  ),
  staffRoute("GET", "/api/staff/departments/:id/staff", async (c, deps, auth) =>
    c.json(await (await staffDirectory()).listStaffOfDepartment(deps, auth, param(c, "id"))),
  ),
  staffRoute("GET", "/api/staff/directory", async (c, deps, auth) =>
    c.json(await (await directoryAdmin()).adminDirectory(deps, auth)),
  ),
  staffRoute("GET", "/api/staff/directory.xlsx", async (c, deps, auth) => {
    const [{ exportDirectoryXlsx }, file] = await Promise.all([directoryXlsx(), xlsxFile()]);
    return fileBody(
      c,
      await exportDirectoryXlsx(deps, auth),
      file.XLSX_CONTENT_TYPE,
      file.contentDisposition,
    );
  }),
  staffRoute(
    "POST",
    "/api/staff/directory/import",
    async (c, deps, auth) => {
      const [{ importDirectoryXlsx }, { XLSX_CONTENT_TYPE }] = await Promise.all([
        directoryXlsx(),
        xlsxFile(),
      ]);
      const bytes = await readBinary(c, XLSX_CONTENT_TYPE, MAX_IMPORT_BYTES);
      const dryRun = c.req.query("dryRun") !== "false";
      return c.json(await importDirectoryXlsx(deps, auth, bytes, dryRun, locale(c)));
    },
    { maxBodyBytes: MAX_IMPORT_BYTES },
  ),
  staffRoute("PUT", "/api/staff/directory/:kind/:id", async (c, deps, auth) => {
    const { putDirectoryEntry } = await directoryAdmin();
    const result = await putDirectoryEntry(
      deps,
      auth,
      param(c, "kind"),
      param(c, "id"),
      await readJson(c),
    );
    return c.json(result, result.created ? 201 : 200);
  }),
  staffRoute("POST", "/api/staff/directory/:kind/:id/retire", async (c, deps, auth) => {
    const { retireDirectoryEntry } = await directoryAdmin();
    return c.json(await retireDirectoryEntry(deps, auth, param(c, "kind"), param(c, "id"), true));
  }),
  staffRoute("POST", "/api/staff/directory/:kind/:id/reinstate", async (c, deps, auth) => {
    const { retireDirectoryEntry } = await directoryAdmin();
    return c.json(await retireDirectoryEntry(deps, auth, param(c, "kind"), param(c, "id"), false));
  }),
  staffRoute("GET", "/api/staff/audit", async (c, deps, auth) =>
    c.json(await (await directoryAdmin()).auditTrail(deps, auth, c.req.query())),
  ),
  staffRoute("PATCH", "/api/staff/categories/:code", async (c, deps, auth) => {
    const { editCategoryLimits } = await directoryAdmin();
    return c.json(await editCategoryLimits(deps, auth, param(c, "code"), await readJson(c)));
  }),
];
