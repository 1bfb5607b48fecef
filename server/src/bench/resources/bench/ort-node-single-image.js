// One 224×224 MobileNetV2 inference with onnxruntime-node (CPU execution provider), 1 thread: BenchmarkSuite's
// "native" part, the figure Lenslet's JVM single image is compared with (issue 4, target 4).
// usage: node ort-node-single-image.js MODEL.onnx RUNS WARMUPS   (onnxruntime-node installed beside this file)
// Prints one JSON line: {"version", "runs", "medianMs", "minMs", "inputShape"}.
'use strict';
const ort = require('onnxruntime-node');
const version = require('onnxruntime-node/package.json').version;

const SIZE = 224;
const SHAPE = [1, 3, SIZE, SIZE]; // peers/make_onnx.js writes the network with an NCHW input

/** The input BenchmarkSuite's JVM run also gets: value((x + y + 37·c) mod 256), scaled to [-1, 1]. */
function testInput() {
  const data = new Float32Array(3 * SIZE * SIZE);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        data[(c * SIZE + y) * SIZE + x] = ((x + y + 37 * c) % 256) / 127.5 - 1;
      }
    }
  }
  return data;
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

(async () => {
  const [model, runs, warmups] = [process.argv[2], Number(process.argv[3] || 50), Number(process.argv[4] || 30)];
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', testInput(), SHAPE) };
  for (let i = 0; i < warmups; i++) {
    await session.run(feeds);
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ version, runs, medianMs: median(times), minMs: times[0], inputShape: SHAPE }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
