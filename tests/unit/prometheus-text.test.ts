import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumOf } from '../helpers/prometheus';

describe('the test helper reads the Prometheus text format', () => {
  it('reads names, escaped labels and special values, and adds series up by label', () => {
    const samples = parsePrometheusText(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{instance="a:1",route="/m/[id]",status="200"} 3',
        'x_total{instance="a:1",route="/say \\"hi\\"\\\\",status="404"} 2',
        'y_bucket{le="+Inf"} 7',
        'z 1.5e-3 1700000000000',
        'lag_seconds{instance="a:1"} Nan',
        '',
      ].join('\n'),
    );
    expect(samples[1]!.labels.route).toBe('/say "hi"\\');
    expect(samples[2]!.labels.le).toBe('+Inf');
    expect(samples[3]).toEqual({ name: 'z', labels: {}, value: 0.0015 });
    expect(samples[4]!.value).toBeNaN();
    expect(sumOf(samples, 'x_total')).toBe(5);
    expect(sumOf(samples, 'x_total', { status: '200' })).toBe(3);
    expect(sumOf(samples, 'x_total', { status: '500' })).toBe(0);
  });

  it('refuses a line it cannot read', () => {
    expect(() => parsePrometheusText('x{a="1"} not-a-number')).toThrow(/bad value/);
    expect(() => parsePrometheusText('x{a="1} 1')).toThrow();
  });
});
