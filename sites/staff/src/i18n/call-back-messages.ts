// Strings of the 回访 list (/call-backs), the concern page's 电话回访评价 form, and admin's
// 短信发送异常 page (/sms), in zh-CN and English. Spread into the site's tables by messages.ts.

export const callBackZh = {
  "page.callBacks": "回访",
  "callBack.intro":
    "这些诉求已答复，但群众收不到评价短信：请电话联系群众，记录其评价和原话。按答复时间排列，最早的在前。",
  "callBack.empty": "目前没有需要回访的诉求。",
  "callBack.caption": "待回访的诉求",
  "callBack.reason": "回访原因",
  "callBack.answeredAt": "答复时间",
  "callBack.deadline": "评价期限",
  "callBack.by": "{date} 截止",
  "callBack.reason.landline": "仅有固定电话",
  "callBack.reason.sms_off": "未接收短信",
  "callBack.reason.sms_undelivered": "短信未送达",
  "phoneRating.heading": "电话回访评价",
  "phoneRating.help": "电话联系群众，记录其对答复的评价；评价视同群众本人作出。",
  "phoneRating.rating": "群众的评价",
  "phoneRating.comment": "群众原话",
  "phoneRating.commentHint": "照群众的话记录，最多{max}字。",
  "phoneRating.submit": "记录评价",
  "phoneRating.done": "已记录电话回访评价：{rating}。",
  "phoneRating.notListed": "这件诉求已不在回访名单上（群众可能已自行评价，或已超过评价期限）。",
  "page.smsAttention": "短信发送异常",
  "smsAttention.intro":
    "发送失败、状态未知（服务商未回复，不会重发）或因超过上限未发送的群众短信。必要时请电话联系群众。",
  "smsAttention.empty": "目前没有发送异常的短信。",
  "smsAttention.attempts": "尝试次数",
  "smsAttention.lastError": "最后一次错误",
} as const;

export const callBackEn: { readonly [K in keyof typeof callBackZh]: string } = {
  "page.callBacks": "Call-backs",
  "callBack.intro":
    "These concerns are answered but their residents get no rating SMS: call the resident and record their rating in their own words. Oldest answer first.",
  "callBack.empty": "No concern needs a call-back now.",
  "callBack.caption": "Concerns awaiting a call-back",
  "callBack.reason": "Why call",
  "callBack.answeredAt": "Answered",
  "callBack.deadline": "Rating deadline",
  "callBack.by": "until {date}",
  "callBack.reason.landline": "Landline only",
  "callBack.reason.sms_off": "No SMS updates",
  "callBack.reason.sms_undelivered": "SMS not delivered",
  "phoneRating.heading": "Rating by phone",
  "phoneRating.help":
    "Call the resident and record their rating of the answer; it counts as their own.",
  "phoneRating.rating": "Resident's rating",
  "phoneRating.comment": "Resident's words",
  "phoneRating.commentHint": "As the resident said it, at most {max} characters.",
  "phoneRating.submit": "Record the rating",
  "phoneRating.done": "Rating by phone recorded: {rating}.",
  "phoneRating.notListed":
    "This concern is no longer on the call-back list (the resident may have rated it, or the rating period is over).",
  "page.smsAttention": "SMS needing attention",
  "smsAttention.intro":
    "Residents' SMS that failed, whose state is unknown (the provider did not answer; never resent) or that were not sent past a limit. Call the resident where needed.",
  "smsAttention.empty": "No SMS needs attention now.",
  "smsAttention.attempts": "Attempts",
  "smsAttention.lastError": "Last error",
};
