// The parts of ECharts the charts use, registered once. Only the chart island imports this
// (dynamically, in the browser): line and bar charts, grid, tooltip, legend, aria (decal
// patterns on bars) and the canvas renderer. The HTML headings title the charts, so ECharts'
// own title component is left out.
import { BarChart, LineChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { init };
