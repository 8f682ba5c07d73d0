// The strings issue 17 adds to 数据公开: close-outs against published notices, what each rate
// is counted on, and the table's scroll cue. Spread into the site's dictionary in messages.ts.

export const statisticsZh = {
  "stats.closeOuts": "办结与公示",
  "stats.closeOutsLine": "{from}至{to}，办结 {closed} 件，其中公示 {published} 件。",
  "stats.notPublished":
    "其余 {rest} 件未公示：公示须经镇党政办审核、隐去个人信息后才发布，尚在审核中或经审核不宜公开的（如反映工作人员作风的纪检类投诉）不公示。并入其他诉求的件随被并入的诉求办理，不单独计入办结。",
  "stats.allPublished": "办结的诉求均已公示。",
  "stats.noticesLink": "查看公示",
  "stats.closed": "办结件数",
  "stats.published": "公示件数",
  "stats.base": "{count}/{base} 件",
  "stats.noBase": "本月无可计算件数",
  "stats.basesNote":
    "每个比率下方是它的计算依据（分子/分母）。某月受理为0时，响应率仍可能来自上月受理、本月到期应回应的件；没有可计算的件数时显示“—”。",
  "stats.scrollCue": "表格较宽，可左右滑动查看全部列",
  "stats.scrollRegion": "{title}（可左右滚动）",
};

export const statisticsEn: { readonly [K in keyof typeof statisticsZh]: string } = {
  "stats.closeOuts": "Closed and published",
  "stats.closeOutsLine":
    "{from} to {to}: {closed} closed, of which {published} published as notices.",
  "stats.notPublished":
    "The other {rest} are not published: a notice is published only after the town office has reviewed it and removed personal details, so those still under review, or judged unfit to publish (such as complaints about staff conduct, which go to the discipline commission), are not shown. Concerns merged into another are handled with it and not counted as closed on their own.",
  "stats.allPublished": "Every closed concern has been published.",
  "stats.noticesLink": "See the notices",
  "stats.closed": "Closed",
  "stats.published": "Published",
  "stats.base": "{count} of {base}",
  "stats.noBase": "nothing to count this month",
  "stats.basesNote":
    "Under each rate: what it is counted on (count of base). A month with nothing received can still have responses due for concerns received the month before; “—” means there was nothing to count.",
  "stats.scrollCue": "The table is wide: scroll sideways to see every column",
  "stats.scrollRegion": "{title} (scrolls sideways)",
};
