// Starts the app without an inline script, which the page's Content-Security-Policy forbids.
// Trunk writes no loader of its own (Trunk.toml sets `pattern_script` to nothing) but still
// adds preload links for the wasm-bindgen module and the wasm file, each with its integrity
// hash. This module loads both from those links; the wasm goes through a Request that carries
// its integrity, so the browser checks it.
const glue = document.querySelector('link[rel="modulepreload"]');
const wasm = document.querySelector('link[rel="preload"][as="fetch"]');
const { default: init } = await import(glue.href);
await init({ module_or_path: new Request(wasm.href, { integrity: wasm.integrity }) });
