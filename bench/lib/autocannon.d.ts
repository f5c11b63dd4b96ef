// The part of autocannon's result the benchmarks read (the package ships no types).
declare module 'autocannon' {
  interface Stats {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Stats & { total: number };
    latency: Stats;
    throughput: Stats;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    /** Each request may be rewritten before it is sent (here: its path). */
    requests?: Array<{ setupRequest?: (request: { path: string }) => { path: string } }>;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
