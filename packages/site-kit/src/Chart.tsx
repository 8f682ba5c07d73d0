// One chart, drawn with ECharts in the browser. The server renders an empty box (hidden when
// scripting is off: the table beside every chart carries the same figures), as tall as most
// charts are (base.css); once the island is near the viewport it sets the chart's own height
// (through the CSSOM: the Content-Security-Policy refuses style attributes), loads ECharts and
// draws. The canvas is one image for
// screen readers, labelled "…（数据见下表）"; the table is the accessible version. Both sites'
// pages use it as a React island: `<Chart client:visible spec={…} label={…} />`.

import { useEffect, useRef } from "react";
import { buildChartOption, type ChartSpec, chartHeight } from "./chart-options.js";

interface Props {
  spec: ChartSpec;
  /** The accessible name of the drawing, e.g. "月度趋势图（数据见下表）". */
  label: string;
}

export default function Chart({ spec, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = `${chartHeight(spec)}px`;
    let disposed = false;
    let cleanup = () => {};
    import("./echarts.client.js")
      .then(({ init }) => {
        if (disposed) return;
        const chart = init(el, null, { renderer: "canvas" });
        chart.setOption(buildChartOption(spec));
        const resize = () => chart.resize();
        const observer = new ResizeObserver(resize);
        observer.observe(el);
        window.addEventListener("beforeprint", resize);
        cleanup = () => {
          observer.disconnect();
          window.removeEventListener("beforeprint", resize);
          chart.dispose();
        };
      })
      .catch(() => {
        // No chart (script failed to load): the table below still has every figure.
        el.hidden = true;
      });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [spec]);
  return <div ref={box} className="chart-box" role="img" aria-label={label} />;
}
