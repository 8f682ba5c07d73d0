// Strings of the review of public text (公开前审核): the highlights a cadre masks or keeps
// before a public reply (or a notice) goes out, in zh-CN and English. Spread into the site's
// tables by messages.ts. A kind of personal data added to core's vocabulary fails to compile
// here until it has its words in both languages.
import type { PersonalDataKind } from "@lianxin/contract";

type KindLabels = { readonly [K in PersonalDataKind as `review.kind.${K}`]: string };

export const reviewZh = {
  "review.note":
    "提交时，电话号码、姓名、门牌号等个人信息会自动遮盖；拿不准的内容会标出，请逐条确认遮盖还是保留。",
  "review.required": "公开内容中有疑似个人信息（已标出），请逐条选择遮盖或保留后再提交。",
  "review.heading": "公开前确认",
  "review.preview": "公开后将显示为：",
  "review.previewReply": "公开答复将显示为：",
  "review.term": "“{term}”（{kind}）",
  "review.mask": "遮盖",
  "review.keep": "保留（不是个人信息）",
  "review.kind.phone": "电话号码",
  "review.kind.email": "电子邮箱",
  "review.kind.id_number": "身份证号",
  "review.kind.bank_card": "银行卡号",
  "review.kind.plate": "车牌号",
  "review.kind.im_id": "QQ/微信号",
  "review.kind.house_number": "门牌号",
  "review.kind.name": "姓名",
} satisfies KindLabels & Record<string, string>;

export const reviewEn: { readonly [K in keyof typeof reviewZh]: string } = {
  "review.note":
    "On submitting, phone numbers, names, house numbers and other personal data are masked; what may be personal is highlighted for you to mask or keep.",
  "review.required":
    "The public text holds what may be personal data (highlighted): mask or keep each item, then submit again.",
  "review.heading": "Check before it is public",
  "review.preview": "It will be public as:",
  "review.previewReply": "The public reply will read:",
  "review.term": "“{term}” ({kind})",
  "review.mask": "Mask",
  "review.keep": "Keep (not personal data)",
  "review.kind.phone": "phone number",
  "review.kind.email": "e-mail address",
  "review.kind.id_number": "ID number",
  "review.kind.bank_card": "bank card number",
  "review.kind.plate": "licence plate",
  "review.kind.im_id": "QQ or WeChat ID",
  "review.kind.house_number": "house number",
  "review.kind.name": "name",
};
