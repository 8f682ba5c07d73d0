/**
 * Every key of the table is built here and nowhere else. See README.md for the access
 * patterns these serve.
 */
export type Lane = "OPEN" | "ANSWERED" | "DONE";

/**
 * Counter items are sharded (README, "Sharded counters"): a change ADDs to one of this many
 * items of each counter it touches, chosen at random, so two changes to one village's month
 * rarely hold the same item in their transactions; reads ask for every shard and sum them.
 * Raising it is safe (reads then cover the new shards too); lowering it would hide the
 * figures in the shards no longer read.
 */
export const COUNTER_SHARDS = 4;

/**
 * Shard 0's sort key is the unsharded one (`<month>` or `<month>#<member>`), so tables and
 * seeds from before sharding read unchanged; shard k ≥ 1 appends `@<k>`. "@" sorts after
 * "#" and before "~", so a month's shards stay inside AP-M1's `BETWEEN <from> AND <to>~`,
 * and it never occurs in a month or an id (ids are slugs: `[a-z0-9-]`).
 */
const SHARD_MARK = "@";
const METRICS = "METRICS#";

function metricsKey(kind: string, id: string, month: string, member?: string, shard = 0) {
  if (!Number.isInteger(shard) || shard < 0 || shard >= COUNTER_SHARDS) {
    throw new RangeError(`counter shard ${shard} is not one of 0..${COUNTER_SHARDS - 1}`);
  }
  const sk = member ? `${month}#${member}` : month;
  return { pk: `${METRICS}${kind}#${id}`, sk: shard === 0 ? sk : `${sk}${SHARD_MARK}${shard}` };
}

function parseMetricsSort(sk: string): { month: string; member: string | null; shard: number } {
  const mark = sk.lastIndexOf(SHARD_MARK);
  const base = mark < 0 ? sk : sk.slice(0, mark);
  const shard = mark < 0 ? 0 : Number(sk.slice(mark + 1));
  const hash = base.indexOf("#");
  return hash < 0
    ? { month: base, member: null, shard }
    : { month: base.slice(0, hash), member: base.slice(hash + 1), shard };
}

export const keys = {
  /** The ledger counter of a town and year: each submission ADDs 1 to reserve its number. */
  ledgerCounter: (prefix: string, year: number) => ({
    pk: `LEDGER#${prefix}#${year}`,
    sk: "COUNTER",
  }),
  /** The escalation job's audit of the year's reserved numbers (watermark and sightings). */
  ledgerAudit: (prefix: string, year: number) => ({ pk: `LEDGER#${prefix}#${year}`, sk: "AUDIT" }),
  concern: (ledgerNo: string) => ({ pk: `CONCERN#${ledgerNo}`, sk: "CONCERN" }),
  /** 作废: a reserved number that will never hold a concern, beside where its concern would be. */
  ledgerVoid: (ledgerNo: string) => ({ pk: `CONCERN#${ledgerNo}`, sk: "VOID" }),
  /** Index gsi4: a year's void records, by number. */
  ledgerVoidsOfYear: (prefix: string, year: number) => `LEDGER_VOIDS#${prefix}#${year}`,
  concernPartition: (ledgerNo: string) => `CONCERN#${ledgerNo}`,
  /** Events sort after the concern item by their sequence number. */
  concernEvent: (ledgerNo: string, seq: number) => ({
    pk: `CONCERN#${ledgerNo}`,
    sk: `EVENT#${String(seq).padStart(6, "0")}`,
  }),
  eventPrefix: "EVENT#",
  /** A file on a concern (issue 15), by its id (its upload's): read with the concern. */
  concernFile: (ledgerNo: string, fileId: string) => ({
    pk: `CONCERN#${ledgerNo}`,
    sk: `FILE#${fileId}`,
  }),
  filePrefix: "FILE#",
  /** An upload, from signing until TTL (two days). */
  upload: (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: "UPLOAD" }),
  /** Index gsi1: uploads on a concern whose file is not attached yet. */
  uploadsToAttach: "UPLOADS_TO_ATTACH",
  /** Queue sort key: lane, then the time that orders it (deadline or closing), then number. */
  queueSort: (lane: Lane, sortAt: string, ledgerNo: string) => `${lane}#${sortAt}#${ledgerNo}`,
  departmentQueue: (departmentId: string) => `DEPARTMENT#${departmentId}`,
  villageQueue: (villageId: string) => `VILLAGE#${villageId}`,
  townQueue: "TOWN",
  /** Ledger by registration month (Asia/Shanghai `YYYY-MM`), sorted by creation time. */
  concernMonth: (month: string) => `MONTH#${month}`,
  concernMonthSort: (createdAt: string, ledgerNo: string) => `${createdAt}#${ledgerNo}`,
  idempotency: (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: "IDEMPOTENCY" }),
  rateLimit: (scope: string, subject: string, windowStart: number) => ({
    pk: `RATE#${scope}#${subject}`,
    sk: `WINDOW#${windowStart}`,
  }),
  /** A background ledger export (AP-X1..X3). */
  exportJob: (id: string) => ({ pk: `EXPORT#${id}`, sk: "JOB" }),
  /** A username's recent failed sign-ins (a sliding window, not fixed buckets). */
  loginFailures: (username: string) => ({ pk: `LOGINFAIL#${username}`, sk: "FAILURES" }),
  directoryPartition: "DIRECTORY",
  directoryEntry: (kind: DirectoryEntryKind, id: string) => ({
    pk: "DIRECTORY",
    sk: `${kind}#${id}`,
  }),
  staffAccount: (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: "ACCOUNT" }),
  /** Usernames are unique: a guard item per username, written with the account. */
  username: (username: string) => ({ pk: `USERNAME#${username.toLowerCase()}`, sk: "USERNAME" }),
  departmentStaff: (departmentId: string) => `STAFF_OF#${departmentId}`,
  /** Every account, listed through gsi2 (sorted by username): admin's staff list. */
  allStaff: "STAFF_ALL",
  session: (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: "SESSION" }),
  notice: (id: string) => ({ pk: `NOTICE#${id}`, sk: "NOTICE" }),
  noticesByState: (state: "draft" | "published") => `NOTICES#${state}`,
  /** 季度工作报告's written sections of a unit's quarter (AP-QD1, AP-QD2). */
  quarterlyDraft: (departmentId: string, quarter: string) => ({
    pk: `REPORT_DRAFT#department#${departmentId}#${quarter}`,
    sk: "DRAFT",
  }),
  accessLogPartition: (ledgerNo: string) => `ACCESSLOG#${ledgerNo}`,
  accessLogTown: "ACCESSLOG",
  calendarOverride: { pk: "SETTINGS", sk: "CALENDAR_OVERRIDE" },
  /** Audit trail of settings and directory changes: who changed what, when. */
  audit: (subject: string, at: string, id: string) => ({
    pk: `AUDIT#${subject}`,
    sk: `${at}#${id}`,
  }),
  /**
   * A counter item: one scope (village, department, person), one month (and, for the
   * per-person kinds, one member), one shard of COUNTER_SHARDS. Shard 0 is the unsharded key.
   */
  metrics: metricsKey,
  /** Every shard's key of one counter, shard 0 first: what a read by key must ask for. */
  metricsShards: (kind: string, id: string, month: string, member?: string) =>
    Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
      metricsKey(kind, id, month, member, shard),
    ),
  /** A counter item's sort key read back: its month, member and shard. */
  metricsSort: parseMetricsSort,
  metricsPartition: (kind: string, id: string) => `${METRICS}${kind}#${id}`,
  /** What every counter partition key starts with. */
  metricsPrefix: METRICS,
  /** A staff member's inbox (or a role's shared one, `role:inspector`). */
  outbox: (recipient: string, at: string, id: string) => ({
    pk: `OUTBOX#${recipient}`,
    sk: `${at}#${id}`,
  }),
  outboxPartition: (recipient: string) => `OUTBOX#${recipient}`,
  /**
   * Index gsi1: a recipient's unread notifications (sparse: an outbox item carries it from its
   * write until it is read), sorted as the outbox is, `<at>#<id>`. Counted, never listed.
   */
  unreadOf: (recipient: string) => `UNREAD#${recipient}`,
  /**
   * A one-time code (验证码): `recover` bound to a ledger number, `sign_in` to a phone's keyed
   * hash (never the number). TTL at its expiry.
   */
  oneTimeCode: (purpose: string, subject: string) => ({
    pk: `OTP#${purpose}#${subject}`,
    sk: "OTP",
  }),
  /**
   * "我的诉求": a concern listed under its resident's phone key (a keyed hash of the mobile,
   * never the number), newest last by registration time.
   */
  residentConcern: (phoneKey: string, createdAt: string, ledgerNo: string) => ({
    pk: `RESIDENT#${phoneKey}`,
    sk: `CONCERN#${createdAt}#${ledgerNo}`,
  }),
  residentPartition: (phoneKey: string) => `RESIDENT#${phoneKey}`,
  residentConcernSort: (createdAt: string) => `CONCERN#${createdAt}`,
  /** A resident's session, by the SHA-256 of its token (the token is only in the cookie). */
  residentSession: (sessionId: string) => ({ pk: `RESIDENT_SESSION#${sessionId}`, sk: "SESSION" }),
  /** An SMS (issue 14): written with the change that causes it, then the sender's record. */
  sms: (id: string) => ({ pk: `SMS#${id}`, sk: "SMS" }),
  /**
   * Index gsi1 partitions of SMS by what they wait for: sending (`PENDING`, sorted by when
   * they may go), an answer from the provider (`SENDING`, by claim time), admin (`ATTENTION`:
   * failed, state unknown, dropped at a cap; by time). A sent message leaves the index.
   */
  smsLane: (lane: SmsLane) => `SMS_${lane}`,
  smsLaneSort: (at: string, id: string) => `${at}#${id}`,
  /** Index gsi2: the messages about one concern, by creation time. */
  smsOfConcern: (ledgerNo: string) => `SMS_OF#${ledgerNo}`,
  /** Index gsi3: every message of a month (Asia/Shanghai), by creation time. */
  smsLog: (month: string) => `SMS_LOG#${month}`,
  /**
   * 蹲点日志: a field log in its author's partition, by date; listed by village (gsi2) and
   * by the author's department (gsi1) under their own prefixes.
   */
  fieldLog: (authorId: string, date: string, id: string) => ({
    pk: `FIELDLOG#${authorId}`,
    sk: `${date}#${id}`,
  }),
  fieldLogPartition: (authorId: string) => `FIELDLOG#${authorId}`,
  fieldLogsOfVillage: (villageId: string) => `FIELDLOGS#VILLAGE#${villageId}`,
  fieldLogsOfDepartment: (departmentId: string) => `FIELDLOGS#DEPARTMENT#${departmentId}`,
  fieldLogIndexSort: (date: string, id: string) => `${date}#${id}`,
  /** A day someone was in a village (and group) for field work: compliance reads these. */
  presence: (personId: string, date: string, villageId: string, groupId: string | null) => ({
    pk: `PRESENCE#${personId}`,
    sk: `${date}#${villageId}#${groupId ?? "-"}`,
  }),
  presencePartition: (personId: string) => `PRESENCE#${personId}`,
  /**
   * The word index (README, "Word index"): a term's postings in one registration month, by
   * the term's keyed hash (core `termKey`, never the term), sorted as the month index is.
   */
  termPosting: (termKey: string, month: string, createdAt: string, ledgerNo: string) => ({
    pk: `TERM#${termKey}#${month}`,
    sk: `${createdAt}#${ledgerNo}`,
  }),
  termPartition: (termKey: string, month: string) => `TERM#${termKey}#${month}`,
  /**
   * The period index (README, "Period index"): one item per counted event of a drill-down
   * fact (core PERIOD_FACTS) on a village or department in a month, `<fact>#<at>#<ledgerNo>#<seq>`
   * (the event recording it; `.n` appended for a second entry of one event, never today).
   */
  periodIndex: (
    kind: string,
    id: string,
    month: string,
    fact: string,
    at: string,
    ledgerNo: string,
    seq: number,
    n: number,
  ) => ({
    pk: `PERIOD#${kind}#${id}#${month}`,
    sk: `${fact}#${at}#${ledgerNo}#${seq}${n > 0 ? `.${n}` : ""}`,
  }),
  /** What the rebuild of sealed months has done (README, "Rebuilding sealed months"). */
  sealedMonthsMarker: { pk: "REBUILD#sealed-months", sk: "MARKER" },
  periodIndexPartition: (kind: string, id: string, month: string) =>
    `PERIOD#${kind}#${id}#${month}`,
  /**
   * The inspectors' watch lists (README, "Watch lists"): one partition per list, a concern's
   * item by when it went on the list, `<at>#<ledgerNo>` (newest first when read backwards).
   */
  watch: (list: string, at: string, ledgerNo: string) => ({
    pk: `WATCH#${list}`,
    sk: `${at}#${ledgerNo}`,
  }),
  watchPartition: (list: string) => `WATCH#${list}`,
  /** A concern's indexed term keys (duplicate suggestions compare them; the indexer's mark). */
  concernTerms: (ledgerNo: string) => ({ pk: `CONCERN_TERMS#${ledgerNo}`, sk: "TERMS" }),
  /** How far the word indexer has read the month index. */
  termIndexWatermark: { pk: "TERM_INDEX", sk: "WATERMARK" },
  health: { pk: "HEALTH", sk: "HEALTH" },
  /**
   * Open311 api_keys: one small partition, each key's item sorted by the key's SHA-256 (hex),
   * so that checking a key is one GetItem and listing them one Query.
   */
  open311KeysPartition: "OPEN311_KEYS",
  open311Key: (hash: string) => ({ pk: "OPEN311_KEYS", sk: `HASH#${hash}` }),
  /**
   * 答复模板: one small partition (a town keeps dozens), each template by its id, so that
   * listing them is one Query and an edit one conditional put.
   */
  replyTemplatesPartition: "REPLY_TEMPLATES",
  replyTemplate: (id: string) => ({ pk: "REPLY_TEMPLATES", sk: `TEMPLATE#${id}` }),
  /** A village's rotation plan (包干轮换); all plans share one small partition. */
  rotationPartition: "ROTATION",
  rotationPlan: (villageId: string) => ({ pk: "ROTATION", sk: `VILLAGE#${villageId}` }),
  /** A party member's post (入户), listed per village through gsi2. */
  partyMember: (id: string) => ({ pk: `PARTY_MEMBER#${id}`, sk: "PARTY_MEMBER" }),
  partyMembersAt: (villageId: string) => `PARTY_MEMBERS_AT#${villageId}`,
  /** A service day (一线服务日): per village through gsi2, per person through gsi1. */
  serviceDay: (id: string) => ({ pk: `SERVICE_DAY#${id}`, sk: "SERVICE_DAY" }),
  serviceDaysAt: (villageId: string) => `SERVICE_DAYS_AT#${villageId}`,
  serviceDaysOf: (personId: string) => `SERVICE_DAYS_OF#${personId}`,
} as const;

export type SmsLane = "PENDING" | "SENDING" | "ATTENTION";

export type DirectoryEntryKind = "VILLAGE" | "LEADER" | "DEPARTMENT" | "PARTNER" | "CATEGORY";
