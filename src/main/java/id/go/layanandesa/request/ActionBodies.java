package id.go.layanandesa.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies of the calls that move a request through its life. */
public final class ActionBodies {

    private ActionBodies() {
    }

    /** A step an officer may explain to the citizen with a public note. */
    public interface ForTheCitizen {
        String publicNote();
    }

    static final String PUBLIC_NOTE = "For the citizen, unlike the note: public tracking and the citizen's message show it "
            + "(what to bring, where to pick the result up). Never personal data.";

    @Schema(name = "CancelBody")
    public record Cancel(@Schema(example = "Warga membatalkan permohonan") @Size(max = 2000) String reason) {
    }

    @Schema(name = "SupplyInfoBody", description = "What the OPD asked for: answers replace the named ones, documents are added or re-declared")
    public record SupplyInfo(
            @Schema(example = "{\"berat_lahir_gram\": 3100}") Map<String, Object> answers,
            List<@Valid DocumentDeclaration> documents,
            @Schema(example = "Fotokopi buku nikah dibawa ke kantor desa") @Size(max = 2000) String note) {
    }

    @Schema(name = "AcceptBody")
    public record Accept(
            @Schema(description = "The claim that delivered it, for machine consumers; people send If-Match instead") UUID claimId,
            @Size(max = 2000) String note,
            @Schema(description = PUBLIC_NOTE, example = "Permohonan sedang diproses di Dinas Kependudukan dan Pencatatan Sipil") @Size(max = 1000) String publicNote) implements ForTheCitizen {
    }

    @Schema(name = "RequestInfoBody")
    public record RequestInfo(
            UUID claimId,
            @Schema(description = "What is missing, one item each", example = "[\"Fotokopi buku nikah orang tua\"]")
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 300) String> missing,
            @Size(max = 2000) String note,
            @Schema(description = "What the citizen should bring, in words for the citizen; the list of what is missing stays "
                    + "internal. " + PUBLIC_NOTE, example = "Fotokopi buku nikah orang tua, bawa juga yang asli") @Size(max = 1000)
            String publicNote) implements ForTheCitizen {
    }

    @Schema(name = "ForwardBody")
    public record Forward(
            UUID claimId,
            @Schema(description = "Another active OPD of the same kabupaten", example = "1002") @NotNull Long toOpdId,
            @Schema(example = "Bukan kewenangan kami: layanan ini ditangani Kantor Camat") @NotBlank @Size(max = 2000) String reason,
            @Schema(description = PUBLIC_NOTE, example = "Permohonan Anda diteruskan ke Kantor Camat Malili") @Size(max = 1000) String publicNote) implements ForTheCitizen {
    }

    @Schema(name = "CompleteBody")
    public record Complete(
            @Schema(example = "Akta kelahiran selesai dicetak, dapat diambil di kantor desa") @NotBlank @Size(max = 2000) String resultNote,
            @Schema(description = "Number of the document produced", example = "7324-LT-29112026-0001") @Size(max = 100) String documentNumber,
            @Schema(description = "The result document (a PDF added with POST .../result-document) the request is completed with; "
                    + "it gets a verification code, and its SHA-256 goes into the history", example = "2051") Long resultDocumentId,
            @Schema(description = PUBLIC_NOTE, example = "Akta dapat diambil di kantor desa mulai Senin, bawa KTP-el") @Size(max = 1000) String publicNote) implements ForTheCitizen {
    }

    @Schema(name = "RejectBody")
    public record Reject(@Schema(example = "NIK tidak terdaftar di database kependudukan") @NotBlank @Size(max = 2000) String reason,
                         @Schema(description = PUBLIC_NOTE, example = "Silakan perbarui data KK di Disdukcapil terlebih dahulu") @Size(max = 1000) String publicNote) implements ForTheCitizen {
    }

    @Schema(name = "ReleaseBody")
    public record Release(@NotNull UUID claimId, @Size(max = 2000) String note) {
    }

    @Schema(name = "ReassignBody")
    public record Reassign(@Schema(example = "1002") @NotNull Long toOpdId,
                           @Schema(example = "Salah rute: dipindahkan ke Dinas Sosial") @NotBlank @Size(max = 2000) String reason,
                           @Schema(description = PUBLIC_NOTE, example = "Permohonan Anda ditangani Dinas Sosial") @Size(max = 1000) String publicNote) implements ForTheCitizen {
    }
}
