// Bundles the harness for the demo server: hostile.js as one script, host.js as an ES module whose
// real-homeserver backend (matrix-js-sdk and its Rust crypto) is a chunk loaded only by host pages
// on a real homeserver, with the crypto's WebAssembly beside it; and the widget's stylesheet, minified.
// Usage: node build.mjs --outdir=DIR
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const arg = process.argv.find((a) => a.startsWith("--outdir="));
if (!arg) throw new Error("usage: node build.mjs --outdir=DIR");
const outdir = arg.slice("--outdir=".length);
const common = { bundle: true, minify: true, target: "chrome120", logLevel: "warning", outdir };

await build({ ...common, entryPoints: ["hostile.js"], format: "iife" });
await build({ ...common, entryPoints: ["host.js"], format: "esm", splitting: true, chunkNames: "host-[name]-[hash]" });
const wasmPackage = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "@matrix-org", "matrix-sdk-crypto-wasm");
mkdirSync(outdir, { recursive: true });
// The widget's stylesheet, minified beside the demo (public/css), where the widget page loads it
// on its first screen; the source with its comments stays in static/css.
const here = dirname(fileURLToPath(import.meta.url));
await build({ entryPoints: [join(here, "..", "..", "..", "..", "static", "css", "conclave.css")], minify: true,
  logLevel: "warning", outfile: join(outdir, "..", "css", "conclave.css") });
copyFileSync(join(wasmPackage, "pkg", "matrix_sdk_crypto_wasm_bg.wasm"), join(outdir, "matrix_sdk_crypto_wasm_bg.wasm"));
