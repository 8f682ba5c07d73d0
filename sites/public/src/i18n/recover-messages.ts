// The strings of 忘记查询码 (/recover, and its links from /track), spread into the site's one
// dictionary in messages.ts. The type makes the English table list exactly the Chinese keys.

export const recoverZh = {
  "track.forgot": "忘记查询码？",
  "page.recover": "找回查询码",
  "recover.intro":
    "请输入台账编号和提交诉求时留的手机号。号码正确的话，我们会给这个手机发一条验证码短信，凭验证码换一个新的查询码。",
  "recover.phone": "提交时留的手机号",
  "recover.phoneHint": "如 13812345678。留的是固定电话或没有留电话的，请到镇党政办补发查询码。",
  "recover.send": "获取验证码",
  "recover.sent": "如号码正确，验证码已发送至该手机（5分钟内有效）",
  "recover.for": "台账编号 {ledgerNo}，手机 {phone}",
  "recover.code": "验证码",
  "recover.codeHint": "短信里的6位数字。",
  "recover.verify": "确认",
  "recover.resend": "没收到？重新获取验证码",
  "recover.startOver": "重新填写编号和手机号",
  "recover.doneHeading": "新的查询码",
  "recover.doneLead": "已为您生成新的查询码。原来的查询码已经不能再用。",
  "recover.doneSave": "新查询码只在这里显示这一次，请截图或抄写下来。",
  "val.phoneRequired": "请填写提交时留的手机号",
  "val.mobileInvalid": "请填写正确的手机号，如 13812345678",
  "val.codeRequired": "请填写短信里的验证码",
  "val.codeInvalid": "验证码是6位数字",
} as const;

export const recoverEn: { readonly [K in keyof typeof recoverZh]: string } = {
  "track.forgot": "Lost your access code?",
  "page.recover": "Recover your access code",
  "recover.intro":
    "Enter the ledger number and the mobile number you gave when you submitted. If they match, we text a code to that mobile, which you exchange for a new access code.",
  "recover.phone": "Mobile number given when you submitted",
  "recover.phoneHint":
    "For example 13812345678. If you gave a landline or no phone, ask the town office to reissue your access code.",
  "recover.send": "Send me a code",
  "recover.sent":
    "If the number is right, a code has been sent to that mobile (valid for 5 minutes)",
  "recover.for": "Ledger number {ledgerNo}, mobile {phone}",
  "recover.code": "Code",
  "recover.codeHint": "The 6 digits in the text message.",
  "recover.verify": "Confirm",
  "recover.resend": "Nothing came? Send a new code",
  "recover.startOver": "Enter the number and mobile again",
  "recover.doneHeading": "Your new access code",
  "recover.doneLead": "A new access code has been made for you. The old one no longer works.",
  "recover.doneSave": "It is shown only here, this once: take a screenshot or write it down.",
  "val.phoneRequired": "Enter the mobile number you gave when you submitted",
  "val.mobileInvalid": "Enter a valid mobile number, such as 13812345678",
  "val.codeRequired": "Enter the code from the text message",
  "val.codeInvalid": "The code is 6 digits",
};
