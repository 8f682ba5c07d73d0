/**
 * Every key of the table is built here and nowhere else. See README.md for the access
 * patterns these serve.
 */
export const keys = {
  /** The ledger counter of a town and year: the one item a submission must serialise on. */
  ledgerCounter: (prefix: string, year: number) => ({
    pk: `LEDGER#${prefix}#${year}`,
    sk: "COUNTER",
  }),
  concern: (ledgerNo: string) => ({ pk: `CONCERN#${ledgerNo}`, sk: "CONCERN" }),
  concernPartition: (ledgerNo: string) => `CONCERN#${ledgerNo}`,
  /** Events sort after the concern item by their sequence number. */
  concernEvent: (ledgerNo: string, seq: number) => ({
    pk: `CONCERN#${ledgerNo}`,
    sk: `EVENT#${String(seq).padStart(6, "0")}`,
  }),
  eventPrefix: "EVENT#",
  concernByDepartment: (departmentId: string, createdAt: string, ledgerNo: string) => ({
    gsi1pk: `DEPARTMENT#${departmentId}`,
    gsi1sk: `${createdAt}#${ledgerNo}`,
  }),
  concernByVillage: (villageId: string, createdAt: string, ledgerNo: string) => ({
    gsi2pk: `VILLAGE#${villageId}`,
    gsi2sk: `${createdAt}#${ledgerNo}`,
  }),
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: "IDEMPOTENCY" }),
  rateLimit: (scope: string, subject: string, windowStart: number) => ({
    pk: `RATE#${scope}#${subject}`,
    sk: `WINDOW#${windowStart}`,
  }),
  directoryPartition: "DIRECTORY",
  directoryEntry: (kind: DirectoryEntryKind, id: string) => ({
    pk: "DIRECTORY",
    sk: `${kind}#${id}`,
  }),
  health: { pk: "HEALTH", sk: "HEALTH" },
} as const;

export type DirectoryEntryKind = "VILLAGE" | "LEADER" | "DEPARTMENT" | "PARTNER" | "CATEGORY";
