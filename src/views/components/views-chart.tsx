import { TableScroll } from './table-scroll.tsx';

export interface ViewsChartModel {
  /** Unique on the page: names the chart's title and description for assistive technology. */
  id: string;
  title: string;
  /** A sentence that says what the chart shows (total, busiest day), read instead of the bars. */
  description: string;
  points: ReadonlyArray<{ day: string; label: string; views: number; barLabel: string }>;
  tableSummary: string;
  dayHeading: string;
  viewsHeading: string;
  /** For the numbers on the axis and in the table. */
  locale: string;
}

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so gridlines fall on round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Views per day as a bar chart drawn on the server in SVG — no script, no third party. It is an image
 * with a title and a description (`role="img"`, `aria-labelledby`), each bar names its day and count
 * (shown on hover), and the same numbers follow as a table for anyone who prefers or needs one.
 */
export function ViewsChart({ model }: { model: ViewsChartModel }) {
  const max = niceCeiling(Math.max(0, ...model.points.map((p) => p.views)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, model.points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const y = (views: number) => PAD.top + plotHeight - (views / max) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(model.points.length / 6));
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const number = new Intl.NumberFormat(model.locale);
  const titleId = `${model.id}-title`;
  const descId = `${model.id}-desc`;
  return (
    <figure class="views-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        xmlns="http://www.w3.org/2000/svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>{model.title}</title>
        <desc id={descId}>{model.description}</desc>
        <g class="chart-grid" aria-hidden="true">
          {grid.map((value) => (
            <g key={value}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} />
              <text x={PAD.left - 6} y={y(value) + 4} text-anchor="end">
                {number.format(value)}
              </text>
            </g>
          ))}
        </g>
        <g class="chart-bars">
          {model.points.map((p, i) => (
            <rect
              key={p.day}
              class="chart-bar"
              data-day={p.day}
              data-views={p.views}
              x={(PAD.left + i * slot + (slot - barWidth) / 2).toFixed(1)}
              y={y(p.views).toFixed(1)}
              width={barWidth.toFixed(1)}
              height={(PAD.top + plotHeight - y(p.views)).toFixed(1)}
            >
              <title>{p.barLabel}</title>
            </rect>
          ))}
        </g>
        <g class="chart-axis" aria-hidden="true">
          {model.points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text
                key={p.day}
                x={(PAD.left + i * slot + slot / 2).toFixed(1)}
                y={HEIGHT - 8}
                text-anchor="middle"
              >
                {p.label}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption>
        <details>
          <summary>{model.tableSummary}</summary>
          <TableScroll label={model.tableSummary}>
            <table class="table chart-table">
              <thead>
                <tr>
                  <th scope="col">{model.dayHeading}</th>
                  <th scope="col">{model.viewsHeading}</th>
                </tr>
              </thead>
              <tbody>
                {model.points.map((p) => (
                  <tr key={p.day}>
                    <th scope="row">
                      <time datetime={p.day}>{p.label}</time>
                    </th>
                    <td>{number.format(p.views)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      </figcaption>
    </figure>
  );
}
