// Starts the TeaVM-compiled frame worker (js/frame-worker.js defines main) inside a dedicated
// worker. Kept in a file of its own: the widget's Content-Security-Policy allows no inline script.
importScripts("frame-worker.js");
main([]);
