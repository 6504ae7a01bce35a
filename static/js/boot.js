// Starts the TeaVM-compiled widget (js/widget.js defines main). Kept in a file of its own so the
// page needs no inline script under its Content-Security-Policy.
main([]);
