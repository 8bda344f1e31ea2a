package id.go.layanandesa.document;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receipt the desa prints: read back as text, and its QR code decoded, as a citizen's phone would. */
@QuarkusTest
class ReceiptTest {

    static String text(PDDocument pdf) throws Exception {
        // lines wrap on narrow paper: one space for any run of white space
        return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
    }

    static String qr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                .getText();
    }

    @Test
    void theA4ReceiptNamesTheRequestItsDocumentsAndPointsAtItsTrackingPage() throws Exception {
        long id = Samples.request();
        AttachmentTest.attach(Samples.desaOfficer(), id, "KK", "kk.jpg", Samples.jpeg(2000), "image/jpeg");
        AttachmentTest.attach(Samples.desaOfficer(), id, "KK", "kk-2.jpg", Samples.jpeg(2000), "image/jpeg");
        String code = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id).then().extract().path("trackingCode");

        var answer = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/receipt").then().statusCode(200).extract();
        assertEquals("application/pdf", answer.contentType());
        assertEquals("private, no-store", answer.header("Cache-Control"));
        assertTrue(answer.header("Content-Disposition").startsWith("inline; filename=\"tanda-terima-" + code + ".pdf\""));
        try (PDDocument pdf = Loader.loadPDF(answer.asByteArray())) {
            assertEquals(1, pdf.getNumberOfPages());
            assertEquals(595, Math.round(pdf.getPage(0).getMediaBox().getWidth()), "A4");
            String text = text(pdf);
            assertTrue(text.contains("TANDA TERIMA PERMOHONAN"), text);
            assertTrue(text.contains(code), text);
            assertTrue(text.contains("Penerbitan Akta Kelahiran"), text);
            assertTrue(text.contains("Dinas Kependudukan dan Pencatatan Sipil"), text);
            assertTrue(text.contains("Siti Rahmawati"), text);
            assertTrue(text.contains("Dilampirkan (2 berkas)"), "the KK is attached with two files: " + text);
            assertTrue(text.contains("Dibawa (kertas)"), "the birth letter comes on paper: " + text);
            assertTrue(text.contains("Batas selesai"), text);
            String url = "http://localhost:8080/lacak/" + code;
            assertTrue(text.contains(url), text);
            assertEquals(url, qr(new PDFRenderer(pdf).renderImageWithDPI(0, 200)), "the QR code is the tracking page");
        }
    }

    @Test
    void theThermalReceiptIsEightyMillimetresWideAndAsLongAsItNeeds() throws Exception {
        long id = Samples.request();
        String code = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id).then().extract().path("trackingCode");
        byte[] bytes = given().auth().oauth2(Samples.desaOfficer()).queryParam("format", "THERMAL").get("/api/v1/requests/" + id + "/receipt")
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            float width = pdf.getPage(0).getMediaBox().getWidth();
            float height = pdf.getPage(0).getMediaBox().getHeight();
            assertEquals(80.0, width / 72 * 25.4, 0.1, "80 mm");
            assertTrue(height > width && height < 842, "a strip cut where the receipt ends: " + height);
            String text = text(pdf);
            assertTrue(text.contains(code), text);
            assertTrue(text.contains("Dilampirkan (berkas belum diunggah)"), "KK is declared attached but no file came yet: " + text);
            assertEquals("http://localhost:8080/lacak/" + code, qr(new PDFRenderer(pdf).renderImageWithDPI(0, 300)));
        }
    }

    @Test
    void theQrCodeForScreensIsThePngOfTheSameTrackingPage() throws Exception {
        long id = Samples.request();
        String code = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id).then().extract().path("trackingCode");
        byte[] png = given().auth().oauth2(Samples.desaOfficer()).get("/api/v1/requests/" + id + "/receipt/qr")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertEquals("http://localhost:8080/lacak/" + code, qr(ImageIO.read(new ByteArrayInputStream(png))));
    }

    @Test
    void aReceiptIsOnlyForWhoeverMayReadTheRequest() {
        long id = Samples.request();
        given().auth().oauth2(TestAccounts.desaOfficer("73.24.04.2002")).get("/api/v1/requests/" + id + "/receipt")
                .then().statusCode(404);
        given().auth().oauth2(TestAccounts.viewer("73.24")).get("/api/v1/requests/" + id + "/receipt")
                .then().statusCode(403);
    }

    @Test
    void textTheStandardFontCannotPrintBecomesAQuestionMarkInsteadOfFailing() {
        Receipt receipt = new Receipt("K7M2-QX9P-RT", "http://localhost:8080/lacak/K7M2-QX9P-RT", "Layanan 日本", "OPD", "Harapan",
                "Nama \u0915 dengan aksara lain", "1 Desember 2026 10.00 WITA", "14 Desember 2026", java.util.List.of());
        byte[] bytes = ReceiptPdf.render(receipt, Receipt.Format.THERMAL);
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            String text = text(pdf);
            assertTrue(text.contains("Layanan ??"), text);
            assertTrue(text.contains("Nama ? dengan aksara lain"), text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
