/**
 * Chart.js with only what the 区域总览 draws: line and bar charts on category and linear scales,
 * with a legend and tooltips, all on canvas (no DOM tooltip, no eval: fine under the app's CSP).
 * Imported only by use-chart.ts, dynamically, so the library is a chunk of the /overview route
 * alone and the figures' tiles show before it arrives. README (区域总览) says why Chart.js.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

export { Chart };
