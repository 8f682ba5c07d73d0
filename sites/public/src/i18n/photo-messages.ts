// The strings of residents' photos (issue 15): the submission form's photo picker, the
// receipt page's plain forms, /photos/sent and the photos on the tracking view. Spread into
// the site's one dictionary in messages.ts. The refusals' own words (HEIC, too large, too
// many) are core's (`fileRefusalMessage`), not repeated here.

export const photoZh = {
  "photos.label": "添加照片（最多{max}张）",
  "photos.hint":
    "可选。JPEG、PNG或WebP格式，每张不超过{mb} MB；照片会先在手机上缩小再上传，位置等信息会被去除。",
  "photos.choose": "选择照片",
  "photos.preparing": "正在准备…",
  "photos.uploading": "正在上传…",
  "photos.progress": "上传进度",
  "photos.processing": "处理中…",
  "photos.added": "已添加",
  "photos.refused": "被拒绝：{message}",
  "photos.failed": "上传失败，请移除后重试。",
  "photos.remove": "移除",
  "photos.removeNamed": "移除照片 {name}",
  "photos.preview": "照片预览：{name}",
  "photos.waitUploads": "照片还在上传，请稍候，上传完成后会自动提交。",
  "photos.fixRefused": "有照片被拒绝，请先移除它再提交。",
  "photos.offered": "补充现场照片",
  "photos.offeredIntro":
    "可以为这件诉求补充现场照片（最多{max}张，JPEG、PNG或WebP格式，每张不超过{mb} MB）。每次选择一张，点“上传这张照片”。",
  "photos.formLabel": "第{n}张照片",
  "photos.send": "上传这张照片",
  "photos.unavailable": "暂时无法上传照片，请稍后在查询进度页面补充。",
  "photos.sentTitle": "上传照片",
  "photos.sentWaiting": "照片已收到，正在处理。",
  "photos.sentAdded": "已添加，办理人员可以看到这张照片。",
  "photos.sentRefused": "这张照片未能添加：{message}",
  "photos.sentUnknown": "没有找到这次上传，可能链接已过期。",
  "photos.sentReload": "刷新查看处理结果",
  "photos.another": "再补充一张照片",
  "photos.expired": "上传链接已过期（1小时）。请在查询进度页面输入台账编号和查询码后补充。",
  "photos.toTrack": "查询进度",
  "photos.forConcern": "台账编号：{ledgerNo}",
  "files.heading": "照片",
  "files.yours": "您提供的照片",
  "files.after": "整改后照片",
  "files.open": "查看原图：{name}",
  "files.alt": "{who}：{name}",
  "files.expiry": "照片链接几分钟后失效，刷新页面即可重新查看。",
} as const;

export const photoEn: { readonly [K in keyof typeof photoZh]: string } = {
  "photos.label": "Add photos (at most {max})",
  "photos.hint":
    "Optional. JPEG, PNG or WebP, up to {mb} MB each; photos are made smaller on your phone before sending, and their location and other details are removed.",
  "photos.choose": "Choose photos",
  "photos.preparing": "Preparing…",
  "photos.uploading": "Uploading…",
  "photos.progress": "Upload progress",
  "photos.processing": "Processing…",
  "photos.added": "Added",
  "photos.refused": "Refused: {message}",
  "photos.failed": "The upload failed; remove the photo and try again.",
  "photos.remove": "Remove",
  "photos.removeNamed": "Remove photo {name}",
  "photos.preview": "Preview of {name}",
  "photos.waitUploads":
    "Photos are still uploading; please wait, the form will be sent when they are done.",
  "photos.fixRefused": "A photo was refused; remove it before sending.",
  "photos.offered": "Add photos of the problem",
  "photos.offeredIntro":
    "You can add photos to this concern (at most {max}; JPEG, PNG or WebP, up to {mb} MB each). Choose one photo at a time and press “Send this photo”.",
  "photos.formLabel": "Photo {n}",
  "photos.send": "Send this photo",
  "photos.unavailable":
    "Photos cannot be sent just now; please add them later from the tracking page.",
  "photos.sentTitle": "Send a photo",
  "photos.sentWaiting": "Photo received; it is being processed.",
  "photos.sentAdded": "Added: the staff handling your concern can see this photo.",
  "photos.sentRefused": "This photo was not added: {message}",
  "photos.sentUnknown": "This upload was not found; the link may have expired.",
  "photos.sentReload": "Reload to see the result",
  "photos.another": "Add another photo",
  "photos.expired":
    "The upload link has expired (after an hour). Add photos from the tracking page with your ledger number and access code.",
  "photos.toTrack": "Track progress",
  "photos.forConcern": "Ledger number: {ledgerNo}",
  "files.heading": "Photos",
  "files.yours": "Your photos",
  "files.after": "Photos after the work",
  "files.open": "Open the full photo: {name}",
  "files.alt": "{who}: {name}",
  "files.expiry":
    "Photo links stop working after a few minutes; reload the page to see them again.",
};
