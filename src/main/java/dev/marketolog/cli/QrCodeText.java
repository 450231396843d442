package dev.marketolog.cli;

import io.nayuki.qrcodegen.QrCode;

/** A QR code drawn with Unicode half blocks, two modules per character, to be scanned from a terminal. */
final class QrCodeText {

    private static final int QUIET_ZONE = 2;

    private QrCodeText() {}

    /** {@code text} as a QR code, dark modules as blocks on the terminal's background, one line per two rows. */
    static String render(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        int from = -QUIET_ZONE;
        int to = qr.size + QUIET_ZONE;
        StringBuilder out = new StringBuilder();
        for (int y = from; y < to; y += 2) {
            for (int x = from; x < to; x++) {
                boolean top = qr.getModule(x, y);
                boolean bottom = y + 1 < to && qr.getModule(x, y + 1);
                // light modules are drawn, dark ones left blank, so the code reads right on a dark terminal
                out.append(top ? (bottom ? ' ' : '▄') : (bottom ? '▀' : '█'));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
