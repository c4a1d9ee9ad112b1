// Carbone's concurrent PDF throughput, for bench/warm.py (not part of hoagiai).
//   NODE_PATH=/work/carbone-bench/node_modules node bench/carbone_bench.js TEMPLATE.docx N OUTDIR
// Carbone runs 2 LibreOffice factories; one conversion warms them up (start-up, not timed), then
// N renders with convertTo pdf are started at once and timed until the last one ends.
// Prints one JSON line: {"seconds": ..., "startup_s": ...}.
const fs = require("fs");
const path = require("path");
const carbone = require("carbone");

const [template, nArg, outDir] = process.argv.slice(2);
const n = parseInt(nArg, 10);
fs.mkdirSync(outDir, { recursive: true });

function render(i) {
  return new Promise((resolve, reject) => {
    carbone.render(template, {}, { convertTo: "pdf" }, (err, result) => {
      if (err) return reject(err);
      fs.writeFileSync(path.join(outDir, `${i}.pdf`), result);
      resolve();
    });
  });
}

carbone.set({ factories: 2, startFactory: true });
(async () => {
  const t0 = process.hrtime.bigint();
  await Promise.all([render("warm-a"), render("warm-b")]);
  const startup = Number(process.hrtime.bigint() - t0) / 1e9;
  const t1 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: n }, (_, i) => render(i)));
  const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
  console.log(JSON.stringify({ seconds, startup_s: startup }));
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
