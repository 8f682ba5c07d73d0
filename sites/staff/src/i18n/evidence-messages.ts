// Strings of the concern's files (照片与附件), of the evidence uploads on the answer and note
// forms and of the after photos on the notice approve form (issue 15), in zh-CN and English.
// Spread into the site's tables by messages.ts. The upload script reads the ones it needs from
// the form's data attributes (rendered here).

export const evidenceZh = {
  "files.heading": "照片与附件",
  "files.stage.submission": "居民提交",
  "files.stage.message": "补充情况",
  "files.stage.answer": "答复",
  "files.stage.note": "备注",
  "files.byResident": "居民",
  "files.byStaff": "工作人员",
  "files.photoAlt": "{by}于{at}添加的照片",
  "files.photoOpen": "查看原图（新窗口）",
  "files.pdf": "PDF",
  "files.download": "下载 {name}（{size}）",
  "files.meta": "{by} · {at}",
  "files.linksExpire": "链接 5 分钟内有效；过期后请刷新本页。PDF 只供下载，不在网页中打开。",
  "files.photoCount": "{n} 张照片",
  "evidence.heading": "上传现场照片或文件（照片、PDF，每个不超过20MB）",
  "evidence.choose": "选择文件",
  "evidence.noScript":
    "上传文件需要启用 JavaScript。未启用时仍可在上方“办理说明”中用文字说明情况。",
  "evidence.hint":
    "照片（JPEG、PNG、WebP）或 PDF，每次最多 {max} 个。文件直接上传到文件存储，提交时一并附上。",
  "evidence.carried": "已上传 {n} 个文件，将随本次提交附上。",
  "evidence.asking": "准备上传…",
  "evidence.uploading": "正在上传 {percent}%",
  "evidence.processing": "正在检查文件…",
  "evidence.ready": "已上传",
  "evidence.failed": "上传失败，请重试。",
  "evidence.tooLarge": "文件「{name}」超过 20 MB，无法上传。",
  "evidence.tooMany": "每次最多附 {max} 个文件。",
  "evidence.remove": "移除",
  "evidence.wait": "文件仍在上传或检查中，请稍候再提交。",
  "evidence.signedOut": "登录已失效，请刷新页面重新登录后再上传。",
  "notices.photos.legend": "公示整改后照片（最多3张，居民本人照片不会公示）",
  "notices.photos.hint": "只可选答复时上传的现场照片；不勾选则公示不带照片。",
  "notices.photos.pick": "公示这张照片",
} satisfies Record<string, string>;

export const evidenceEn: { readonly [K in keyof typeof evidenceZh]: string } = {
  "files.heading": "Photos and attachments",
  "files.stage.submission": "Submitted by the resident",
  "files.stage.message": "Resident's follow-up",
  "files.stage.answer": "Answer",
  "files.stage.note": "Notes",
  "files.byResident": "Resident",
  "files.byStaff": "Staff",
  "files.photoAlt": "Photo added by {by} on {at}",
  "files.photoOpen": "Open the full photo (new window)",
  "files.pdf": "PDF",
  "files.download": "Download {name} ({size})",
  "files.meta": "{by} · {at}",
  "files.linksExpire":
    "Links work for 5 minutes; reload this page after that. PDFs are downloads only, never opened in the page.",
  "files.photoCount": "{n} photos",
  "evidence.heading": "Upload site photos or documents (photos, PDFs, up to 20 MB each)",
  "evidence.choose": "Choose files",
  "evidence.noScript":
    "Uploading files needs JavaScript. Without it, describe the situation in the “Handling notes” text above.",
  "evidence.hint":
    "Photos (JPEG, PNG, WebP) or PDFs, at most {max} at a time. Files go straight to the file store and are attached when you submit.",
  "evidence.carried": "{n} uploaded file(s) will be attached when you submit.",
  "evidence.asking": "Getting ready…",
  "evidence.uploading": "Uploading {percent}%",
  "evidence.processing": "Checking the file…",
  "evidence.ready": "Uploaded",
  "evidence.failed": "The upload failed; please try again.",
  "evidence.tooLarge": "“{name}” is over 20 MB and cannot be uploaded.",
  "evidence.tooMany": "At most {max} files at a time.",
  "evidence.remove": "Remove",
  "evidence.wait": "Files are still uploading or being checked; please wait before submitting.",
  "evidence.signedOut": "Your session has ended; reload the page and sign in again to upload.",
  "notices.photos.legend":
    "Publish after photos (at most 3; residents' own photos are never published)",
  "notices.photos.hint":
    "Only the site photos uploaded with the answer can be chosen; tick none to publish without photos.",
  "notices.photos.pick": "Publish this photo",
};
