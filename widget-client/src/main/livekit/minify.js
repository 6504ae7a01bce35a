// Minifies TeaVM's output in place: node minify.js <directory with widget.js and frame-worker.js>.
// TeaVM shortens its own names but leaves whitespace, long locals and repeated declarations;
// esbuild's minifier takes off another ~8% of the widget, which every lobby loads. It changes
// no syntax level (no target given), so nothing the browser runs differs but the names.
//
// Each file then starts with V8's explicit compile hint (Chrome 136+; a plain comment elsewhere):
// the browser compiles every function while the file loads, on a background thread, instead of
// each on the main thread at its first call. Most of the widget first runs at the join, where that
// main-thread compiling came to 30-55 ms of the 600 ms after the click (a Chrome trace of
// SfuCallBenchmark's joiner); compiled ahead, the lobby is ready no later (FirstScreenBenchmark).
// It must be the file's first line.
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node minify.js <directory>");
  process.exit(2);
}
for (const name of ["widget.js", "frame-worker.js"]) {
  const file = path.join(dir, name);
  const before = fs.readFileSync(file, "utf8");
  const after = esbuild.transformSync(before, { minify: true, legalComments: "none", charset: "utf8" }).code;
  fs.writeFileSync(file, COMPILE_HINT + after);
  console.log(`minify: ${name} ${before.length} -> ${after.length} characters`);
}
