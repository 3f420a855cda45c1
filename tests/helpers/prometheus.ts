/** One line of the Prometheus text format: a series and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Reads the Prometheus text exposition format (version 0.0.4): every sample
 * with its labels. Throws on a line it cannot read, so a malformed exposition
 * fails the test that scraped it.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`not a sample: ${line}`);
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      let i = 1;
      while (rest[i] !== '}') {
        const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(rest.slice(i));
        if (!label) throw new Error(`bad labels: ${line}`);
        i += label[0].length;
        let value = '';
        for (; rest[i] !== '"'; i++) {
          if (i >= rest.length) throw new Error(`unterminated label value: ${line}`);
          if (rest[i] === '\\') {
            i++;
            value += rest[i] === 'n' ? '\n' : rest[i];
          } else value += rest[i];
        }
        labels[label[1]!] = value;
        i++;
        if (rest[i] === ',') i++;
      }
      rest = rest.slice(i + 1);
    }
    const [value = ''] = rest.trim().split(/\s+/);
    // prom-client writes NaN as "Nan"; Prometheus reads the special values in any case, as Go's ParseFloat does.
    const special: Record<string, number> = { '+inf': Infinity, inf: Infinity, '-inf': -Infinity, nan: NaN };
    const number = special[value.toLowerCase()] ?? Number(value);
    if (value === '' || (Number.isNaN(number) && value.toLowerCase() !== 'nan')) throw new Error(`bad value: ${line}`);
    samples.push({ name, labels, value: number });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none do). */
export function sumOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((total, s) => total + s.value, 0);
}

/** Scrapes a server's /metrics (from this machine, as the server allows) and reads every sample. */
export async function scrapeMetrics(baseUrl: string, init?: RequestInit): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`, init);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}

/**
 * A server's metrics as name → value, each name's series added together
 * (labels such as `instance` set aside). Reads the exposition of older
 * checkouts too, which had no labels.
 */
export async function readMetrics(baseUrl: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const sample of await scrapeMetrics(baseUrl)) out[sample.name] = (out[sample.name] ?? 0) + sample.value;
  return out;
}
