package org.conclave.client.ui;

/**
 * The controls' icons: inline SVG drawn with the current text colour, hidden from screen readers
 * (the buttons carry their names as {@code aria-label} and tooltip). Constant markup only.
 */
final class Icons {
    private Icons() {}

    private static String svg(String body) {
        return "<svg viewBox=\"0 0 24 24\" width=\"22\" height=\"22\" aria-hidden=\"true\" focusable=\"false\" fill=\"none\""
                + " stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\">" + body + "</svg>";
    }

    private static final String SLASH = "<path d=\"M4 4l16 16\"/>";
    private static final String MIC_BODY = "<rect x=\"9\" y=\"3\" width=\"6\" height=\"11\" rx=\"3\"/><path d=\"M5 11a7 7 0 0 0 14 0M12 18v3\"/>";
    private static final String CAMERA_BODY = "<rect x=\"3\" y=\"7\" width=\"12\" height=\"10\" rx=\"2\"/><path d=\"M15 10l6-3v10l-6-3z\"/>";
    private static final String SCREEN_BODY = "<rect x=\"3\" y=\"4\" width=\"18\" height=\"12\" rx=\"2\"/><path d=\"M8 20h8M12 16v4\"/>";

    static final String MIC = svg(MIC_BODY);
    static final String MIC_OFF = svg(MIC_BODY + SLASH);
    static final String CAMERA = svg(CAMERA_BODY);
    static final String CAMERA_OFF = svg(CAMERA_BODY + SLASH);
    static final String SCREEN = svg(SCREEN_BODY);
    static final String SCREEN_STOP = svg(SCREEN_BODY + SLASH);
    static final String LEAVE = svg("<path d=\"M3 14c5-5 13-5 18 0l-3 3-3-2v-2a9 9 0 0 0-6 0v2l-3 2z\"/>");
    static final String GRID = svg("<rect x=\"3\" y=\"3\" width=\"8\" height=\"8\" rx=\"1\"/><rect x=\"13\" y=\"3\" width=\"8\""
            + " height=\"8\" rx=\"1\"/><rect x=\"3\" y=\"13\" width=\"8\" height=\"8\" rx=\"1\"/><rect x=\"13\" y=\"13\" width=\"8\""
            + " height=\"8\" rx=\"1\"/>");
    static final String SPOTLIGHT = svg("<rect x=\"3\" y=\"3\" width=\"18\" height=\"12\" rx=\"1\"/><path d=\"M4 19h4M10 19h4M16 19h4\"/>");
    static final String PIN = svg("<path d=\"M9 3h6l-1 6 4 4H6l4-4zM12 13v8\"/>");
    static final String PREVIOUS = svg("<path d=\"M15 5l-7 7 7 7\"/>");
    static final String NEXT = svg("<path d=\"M9 5l7 7-7 7\"/>");
    static final String HAND = svg("<path d=\"M8 11V5a1.5 1.5 0 0 1 3 0v5M11 10V3.5a1.5 1.5 0 0 1 3 0V10M14 10V5a1.5 1.5 0 0 1 3 0v7"
            + "c0 5-3 9-7 9-3 0-5-2-6.5-5L2 12.5a1.5 1.5 0 0 1 2.5-1.5L8 14\"/>");
    static final String SMILE = svg("<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M8 14c1 1.5 2.5 2 4 2s3-.5 4-2M9 9h.01M15 9h.01\"/>");
    static final String HELP = svg("<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01\"/>");
}
