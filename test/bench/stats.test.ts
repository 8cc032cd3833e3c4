import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearFit, median, meets, percentile, ratioOfMedians, summarize } from '../../bench/stats';

test('median of odd and even counts, order-independent', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

test('nearest-rank percentiles over 1..100', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 99), 99);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile(xs, 1), 1);
});

test('p99 of 1,000 samples catches the slowest 1%', () => {
  const xs = [...Array(990).fill(1), ...Array(10).fill(50)];
  assert.equal(percentile(xs, 99), 1);
  xs.push(50);
  assert.equal(percentile(xs, 99), 50);
});

test('non-finite samples are ignored; no samples is an error', () => {
  assert.equal(median([1, Number.NaN, 3, Infinity]), 2);
  assert.throws(() => median([]), /no samples/);
  assert.throws(() => percentile([1], 0), RangeError);
});

test('summary fields agree with the helpers', () => {
  const s = summarize([3, 1, 2, 10]);
  assert.deepEqual(s, { n: 4, min: 1, median: 2.5, p50: 2, p99: 10, max: 10 });
});

test('ratio of medians is robust to one outlier run', () => {
  assert.equal(ratioOfMedians([30, 31, 900], [10, 10, 11]), 3.1);
  assert.throws(() => ratioOfMedians([1], [0]), RangeError);
});

test('linear fit recovers slope and flags non-linear growth', () => {
  const lin = linearFit([{ x: 1, y: 3 }, { x: 2, y: 5 }, { x: 4, y: 9 }]);
  assert.ok(Math.abs(lin.slope - 2) < 1e-12 && Math.abs(lin.intercept - 1) < 1e-12);
  assert.ok(Math.abs(lin.r2 - 1) < 1e-12);
  const quad = linearFit([1, 2, 3, 4, 5, 6].map((x) => ({ x, y: x ** 4 })));
  assert.ok(quad.r2 < 0.95, `r2 ${quad.r2}`);
  assert.throws(() => linearFit([{ x: 1, y: 1 }, { x: 1, y: 2 }]), /equal/);
});

test('targets: max for times, min for throughput, inclusive', () => {
  assert.equal(meets(10, 10, 'max'), true);
  assert.equal(meets(10.01, 10, 'max'), false);
  assert.equal(meets(3, 3, 'min'), true);
  assert.equal(meets(2.9, 3, 'min'), false);
});
