// Strings of the background ledger export (在后台生成 on /ledger, and its page
// /ledger/exports/{id}), in zh-CN and English. Spread into the site's tables by messages.ts.

export const ledgerExportZh = {
  "page.ledgerExport": "后台生成台账",
  "ledger.background": "在后台生成",
  "ledger.backgroundHint": "数据量大（几千行以上）时用：生成好后在这里下载。",
  "ledger.export.state.queued": "排队中",
  "ledger.export.state.running": "生成中",
  "ledger.export.state.done": "已生成",
  "ledger.export.state.failed": "生成失败",
  "ledger.export.waiting":
    "台账文件正在后台生成。本页每 {seconds} 秒更新一次，生成好后在这里下载。",
  "ledger.export.progress": "已写入 {rows} 行。",
  "ledger.export.refreshNow": "立即刷新",
  "ledger.export.rows": "共 {rows} 行。",
  "ledger.export.rowsOne": "共 {rows} 行。",
  "ledger.export.fileName": "文件名：{name}",
  "ledger.export.expires": "下载链接在 {at} 前有效。",
  "ledger.export.expired": "下载链接已过期，请返回台账导出页重新生成。",
  "ledger.export.error": "原因：{error}",
  "ledger.export.again": "请返回台账导出页重新生成；如仍失败，请联系党政办。",
  "ledger.export.retrying": "暂时无法读取生成进度，本页将在 {seconds} 秒后重试。",
  "ledger.export.back": "返回台账导出",
} as const;

export const ledgerExportEn: { readonly [K in keyof typeof ledgerExportZh]: string } = {
  "page.ledgerExport": "Ledger prepared in the background",
  "ledger.background": "Prepare in the background",
  "ledger.backgroundHint":
    "For large exports (several thousand rows or more): download the file here once it is ready.",
  "ledger.export.state.queued": "Queued",
  "ledger.export.state.running": "Being prepared",
  "ledger.export.state.done": "Ready",
  "ledger.export.state.failed": "Failed",
  "ledger.export.waiting":
    "The ledger file is being prepared in the background. This page updates itself every {seconds} seconds; download the file here once it is ready.",
  "ledger.export.progress": "{rows} rows written so far.",
  "ledger.export.refreshNow": "Refresh now",
  "ledger.export.rows": "{rows} rows.",
  "ledger.export.rowsOne": "{rows} row.",
  "ledger.export.fileName": "File name: {name}",
  "ledger.export.expires": "The download link works until {at}.",
  "ledger.export.expired":
    "The download link has expired. Go back to the ledger export and prepare it again.",
  "ledger.export.error": "Reason: {error}",
  "ledger.export.again":
    "Go back to the ledger export and prepare it again; if it fails again, ask the town office.",
  "ledger.export.retrying":
    "The progress cannot be read just now. This page tries again in {seconds} seconds.",
  "ledger.export.back": "Back to the ledger export",
};
