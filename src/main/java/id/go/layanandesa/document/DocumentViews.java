package id.go.layanandesa.document;

import id.go.layanandesa.common.openapi.MayBeAbsent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What files look like on the wire. */
public final class DocumentViews {

    private DocumentViews() {
    }

    public enum FileKind {
        /** A scan or photo of a document the request declares as ATTACHED. */
        ATTACHMENT,
        /** The document the OPD produced (a PDF), which the request is completed with. */
        RESULT
    }

    @Schema(name = "RequestFile", description = "A file of a request: an attachment or the result document")
    public record FileView(
            @Schema(example = "2051") long id,
            @Schema(example = "ATTACHMENT") FileKind kind,
            @MayBeAbsent @Schema(description = "The declared document it is for (attachments)", example = "KK") String documentCode,
            @Schema(description = "As the uploader named it; for display only", example = "kk-depan.jpg") String fileName,
            @Schema(description = "By its content", example = "image/jpeg", enumeration = {"application/pdf", "image/jpeg", "image/png"}) String mediaType,
            @Schema(description = "Bytes", example = "348211") long size,
            @Schema(description = "SHA-256 of the content, hex", example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @Schema(example = "2026-11-30T02:16:00Z") Instant uploadedAt,
            @MayBeAbsent @Schema(description = "Who uploaded it", example = "Andi Pratama") String uploadedBy,
            @Schema(description = "Where to download it", example = "/api/v1/requests/1001/files/2051") String href,
            @MayBeAbsent @Schema(description = "A result document the request was completed with: the code anyone can verify it by", example = "Q4TR-8XKM-2P") String verificationCode,
            @MayBeAbsent @Schema(description = "When the request was completed with it", example = "2026-12-03T06:40:00Z") Instant completedAt) {
    }

    @Schema(name = "RequestFileList", description = "A request's files in upload order (one request holds at most layanan.documents.max-files-per-request)")
    public record FileList(List<FileView> items) {
    }

    @Schema(name = "DocumentVerification", description = "What public verification shows of a result document: nothing personal")
    public record Verification(
            @Schema(example = "Q4TR-8XKM-2P") String verificationCode,
            @Schema(description = "The service it was produced for", example = "Akta Kelahiran") String service,
            @Schema(description = "The OPD that produced it", example = "Dinas Kependudukan dan Pencatatan Sipil") String opd,
            @Schema(description = "When the request was completed with it, in the kabupaten's calendar", example = "2026-12-03") LocalDate date,
            @MayBeAbsent @Schema(description = "The document's number, as the OPD gave it", example = "7324-LT-29112026-0001") String documentNumber,
            @Schema(description = "SHA-256 of the genuine file, hex: a copy whose SHA-256 differs is not this document",
                    example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @MayBeAbsent @Schema(description = "Present when a sha256 was given: whether it is the genuine file's", example = "true") Boolean sha256Matches) {
    }
}
