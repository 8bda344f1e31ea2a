package id.go.layanandesa.document;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a receipt as PDF (PDFBox, the standard Helvetica, nothing embedded) with the QR code of its tracking URL drawn
 * as vector squares (ZXing), sharp on any printer: an A4 page, or a strip of 80 mm thermal paper as long as needed.
 */
public final class ReceiptPdf {

    private static final float MM = 72f / 25.4f;
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private ReceiptPdf() {
    }

    public static byte[] render(Receipt receipt, Receipt.Format format) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Tanda terima permohonan " + receipt.trackingCode());
            info.setCreator("Layanan Desa");
            boolean a4 = format == Receipt.Format.A4;
            float width = a4 ? PDRectangle.A4.getWidth() : 80 * MM;
            float margin = a4 ? 20 * MM : 4 * MM;
            // first measure, then draw on a page of that height (thermal paper is cut where the receipt ends)
            float height = a4 ? PDRectangle.A4.getHeight() : margin + layout(null, receipt, a4, width, margin, 0) + margin;
            PDPage page = new PDPage(new PDRectangle(width, height));
            document.addPage(page);
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                layout(out, receipt, a4, width, margin, height - margin);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays the receipt out from {@code top} down; draws when {@code out} is given; answers the height used. */
    private static float layout(PDPageContentStream out, Receipt r, boolean a4, float width, float margin, float top) throws IOException {
        Cursor c = new Cursor(out, margin, width - 2 * margin, top);
        float body = a4 ? 11 : 8.5f;
        c.text("TANDA TERIMA PERMOHONAN", BOLD, a4 ? 17 : 11, true);
        c.text("Layanan Desa" + (r.desa() == null ? "" : " · " + r.desa()), REGULAR, body, true);
        c.gap(a4 ? 12 : 6);
        c.text("Kode lacak", REGULAR, body, false);
        c.text(r.trackingCode(), BOLD, a4 ? 22 : 16, false);
        c.gap(a4 ? 8 : 4);
        for (String[] row : new String[][]{
                {"Layanan", r.service()}, {"Pemohon", r.citizen()}, {"Ditangani oleh", r.opd()},
                {"Diajukan", r.filedAt()}, {"Batas selesai", r.dueDate()}}) {
            if (row[1] != null) {
                c.field(row[0], row[1], body, a4 ? 120 : 62);
            }
        }
        c.gap(a4 ? 10 : 5);
        c.text("Dokumen persyaratan", BOLD, body, false);
        if (r.documents().isEmpty()) {
            c.text("Tidak ada", REGULAR, body, false);
        }
        for (Receipt.Line line : r.documents()) {
            c.field("• " + line.name(), line.provision(), body, c.width * 0.55f);
        }
        c.gap(a4 ? 14 : 8);
        float qr = a4 ? 42 * MM : 40 * MM;
        c.qr(r.trackingUrl(), qr);
        c.gap(a4 ? 6 : 4);
        c.text("Pindai kode QR atau buka alamat ini untuk melacak permohonan tanpa akun:", REGULAR, body - 1, true);
        c.text(r.trackingUrl(), BOLD, body - 1, true);
        c.gap(a4 ? 8 : 4);
        c.text("Simpan tanda terima ini. Sebutkan kode lacak bila menanyakan permohonan.", REGULAR, body - 1.5f, true);
        return top - c.y;
    }

    /** Where the next line goes, and how lines wrap. */
    private static final class Cursor {
        final PDPageContentStream out;
        final float left;
        final float width;
        float y;

        Cursor(PDPageContentStream out, float left, float width, float top) {
            this.out = out;
            this.left = left;
            this.width = width;
            this.y = top;
        }

        void gap(float points) {
            y -= points;
        }

        void text(String text, PDType1Font font, float size, boolean centred) throws IOException {
            for (String line : wrap(printable(text, font), font, size, width)) {
                y -= size * 1.25f;
                float x = centred ? left + (width - font.getStringWidth(line) / 1000 * size) / 2 : left;
                write(line, font, size, x, y);
            }
        }

        void field(String label, String value, float size, float labelWidth) throws IOException {
            List<String> labels = wrap(printable(label, REGULAR), REGULAR, size, labelWidth - 4);
            List<String> values = wrap(printable(value, BOLD), BOLD, size, width - labelWidth);
            int lines = Math.max(labels.size(), values.size());
            for (int i = 0; i < lines; i++) {
                y -= size * 1.3f;
                if (i < labels.size()) {
                    write(labels.get(i), REGULAR, size, left, y);
                }
                if (i < values.size()) {
                    write(values.get(i), BOLD, size, left + labelWidth, y);
                }
            }
        }

        void qr(String content, float size) throws IOException {
            BitMatrix matrix = matrix(content);
            float module = size / matrix.getWidth();
            float x0 = left + (width - size) / 2;
            y -= size;
            if (out != null) {
                out.setNonStrokingColor(0f, 0f, 0f);
                for (int row = 0; row < matrix.getHeight(); row++) {
                    for (int col = 0; col < matrix.getWidth(); col++) {
                        if (matrix.get(col, row)) {
                            out.addRect(x0 + col * module, y + size - (row + 1) * module, module, module);
                        }
                    }
                }
                out.fill();
            }
        }

        private void write(String line, PDType1Font font, float size, float x, float at) throws IOException {
            if (out == null || line.isEmpty()) {
                return;
            }
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, at);
            out.showText(line);
            out.endText();
        }
    }

    /** The QR code of {@code content} with its quiet zone of four modules. */
    static BitMatrix matrix(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of the tracking URL", e);
        }
    }

    /** The QR code alone as PNG, for screens: {@code pixelsPerModule} pixels a module. */
    public static byte[] qrPng(String content, int pixelsPerModule) {
        BitMatrix matrix = matrix(content);
        int size = matrix.getWidth() * pixelsPerModule;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / pixelsPerModule, y / pixelsPerModule) ? 0x000000 : 0xFFFFFF);
            }
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text as the font can print it: what the standard Helvetica has no glyph for becomes '?'. */
    static String printable(String text, PDType1Font font) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(Character.isWhitespace(cp) ? ' ' : cp));
            try {
                font.encode(ch);
                s.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                s.append('?');
            }
        });
        return s.toString();
    }

    static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width || line.isEmpty() && fits(word, font, size, width)) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // a word wider than the line (a long URL on thermal paper) is cut where it must be
            String rest = word;
            while (!fits(rest, font, size, width)) {
                int cut = rest.length() - 1;
                while (cut > 1 && !fits(rest.substring(0, cut), font, size, width)) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean fits(String text, PDType1Font font, float size, float width) throws IOException {
        return font.getStringWidth(text) / 1000 * size <= width;
    }
}
