import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { niceCeiling, ViewsChart, type ViewsChartModel } from '../../src/views/components/views-chart.tsx';
import { parsePage, text } from '../helpers/html.ts';

function model(views: number[], overrides: Partial<ViewsChartModel> = {}): ViewsChartModel {
  return {
    id: 'c',
    title: 'Views per day',
    description: 'What the chart shows.',
    points: views.map((v, i) => ({
      day: `2024-06-${String(i + 1).padStart(2, '0')}`,
      label: `Jun ${i + 1}`,
      views: v,
      barLabel: `Jun ${i + 1}: ${v} views`,
    })),
    tableSummary: 'Show the numbers as a table',
    dayHeading: 'Day',
    viewsHeading: 'Views',
    locale: 'en',
    ...overrides,
  };
}

const draw = (m: ViewsChartModel) =>
  parsePage(`<!doctype html><body>${render(<ViewsChart model={m} />)}</body>`);

describe('views chart (server-drawn SVG)', () => {
  it('rounds the scale up to 1, 2 or 5 × 10ⁿ', () => {
    assert.deepEqual([0, 1, 3, 7, 12, 99, 101, 4500].map(niceCeiling), [1, 1, 5, 10, 20, 100, 200, 5000]);
  });

  it('is an image with a title and a description, one bar per day, heights in proportion', () => {
    const doc = draw(model([0, 5, 10, 20]));
    const svg = doc.querySelector('svg')!;
    assert.equal(svg.getAttribute('role'), 'img');
    assert.equal(svg.getAttribute('aria-labelledby'), 'c-title c-desc');
    assert.equal(text(doc.getElementById('c-title')), 'Views per day');
    assert.equal(text(doc.getElementById('c-desc')), 'What the chart shows.');
    const heights = Array.from(doc.querySelectorAll('rect.chart-bar')).map((r) =>
      Number(r.getAttribute('height')),
    );
    assert.equal(heights.length, 4);
    assert.equal(heights[0], 0);
    assert.ok(Math.abs(heights[3]! - 2 * heights[2]!) < 0.2 && Math.abs(heights[2]! - 2 * heights[1]!) < 0.2);
    assert.equal(heights[3], 200, 'the tallest reaches the top of a scale of 20');
    assert.deepEqual(
      Array.from(doc.querySelectorAll('.chart-grid text')).map((t) => text(t)),
      ['0', '5', '10', '15', '20'],
    );
    assert.equal(text(doc.querySelector('rect.chart-bar title')), 'Jun 1: 0 views');
  });

  it('has the same numbers as a table, and no script', () => {
    const html = render(<ViewsChart model={model([3, 1234])} />);
    const doc = draw(model([3, 1234]));
    const rows = Array.from(doc.querySelectorAll('table tbody tr')).map((r) =>
      Array.from(r.children)
        .map((cell) => text(cell))
        .join(' '),
    );
    assert.deepEqual(rows, ['Jun 1 3', 'Jun 2 1,234']);
    assert.equal(text(doc.querySelector('summary')), 'Show the numbers as a table');
    assert.ok(!/<script/i.test(html));
  });

  it('draws an empty month without NaN, and escapes what it is given', () => {
    const html = render(
      <ViewsChart model={model(Array<number>(30).fill(0), { title: '<b>“Views”</b> & more' })} />,
    );
    assert.ok(!html.includes('NaN'));
    assert.ok(html.includes('&lt;b>“Views”&lt;/b> &amp; more'));
    assert.equal(parsePage(`<body>${html}</body>`).querySelectorAll('rect.chart-bar').length, 30);
  });
});
