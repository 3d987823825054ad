// ONNX Runtime (npm onnxruntime-node, the reference runtime) on one exported case
// (tests/onnx/test_onnx_export): runs batches of 1, 7 and N through CASE_DIR/model.onnx and
// compares with the engine's outputs (see onnx_consumers.py for the case layout).
// usage: NODE_PATH=.../node_modules node onnx_runtime.js CASE_DIR
// Exit status 0 when every batch matches; 1 with a message otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

function floats(file) {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

async function main() {
  const dir = process.argv[2];
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
  const x = floats(path.join(dir, 'input.f32'));
  const expected = floats(path.join(dir, 'expected.f32'));
  const n = meta.input_shape[0];
  const inRow = x.length / n, outRow = expected.length / n;
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
  if (session.inputNames.join() !== 'input' || session.outputNames.join() !== 'output')
    throw new Error(`names ${session.inputNames} -> ${session.outputNames}, expected input -> output`);
  for (const b of [...new Set([1, 7, n])].sort((p, q) => p - q)) {
    const dims = [b, ...meta.input_shape.slice(1)];
    const feed = {input: new ort.Tensor('float32', x.slice(0, b * inRow), dims)};
    const got = (await session.run(feed)).output;
    const want = [b, ...meta.output_shape.slice(1)];
    if (got.dims.join() !== want.join())
      throw new Error(`batch ${b}: output dims ${got.dims}, expected ${want}`);
    let diff = 0;
    for (let i = 0; i < b * outRow; ++i) {
      const d = Math.abs(got.data[i] - expected[i]);
      diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    }
    if (!(diff <= meta.tolerance))
      throw new Error(`batch ${b}: max |difference| ${diff.toPrecision(3)} > ${meta.tolerance}`);
    console.log(`ONNX Runtime batch ${b}: max |difference| ${diff.toPrecision(3)}`);
  }
}

main().catch((e) => {
  console.log('FAIL: ' + (e && e.message ? e.message : e));
  process.exit(1);
});
