package id.go.layanandesa.message;

import id.go.layanandesa.common.http.Versioned;
import id.go.layanandesa.common.openapi.MayBeAbsent;
import id.go.layanandesa.request.RequestStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The message a citizen gets when a request reaches one status, as the kabupaten words it. */
@Schema(name = "MessageTemplate", description = "The citizen's message for one status: the kabupaten's wording or the default")
public record MessageTemplateView(
        @Schema(example = "NEEDS_INFO") RequestStatus status,
        @Schema(description = "The template in use", example = "Permohonan {layanan} Anda ({kode}) perlu dilengkapi: {catatan}. Silakan ke kantor desa.")
        String text,
        @Schema(description = "Whether the kabupaten wrote its own (false: the default is in use)", example = "false") boolean custom,
        @Schema(description = "The service's default for this status", example = "Permohonan {layanan} Anda ({kode}) perlu dilengkapi: {catatan}. Silakan ke kantor desa.")
        String defaultText,
        @Schema(description = "What the template gives for an example request", example = "Permohonan Akta Kelahiran Anda (K7M2-QX9P-RT) perlu dilengkapi: Fotokopi buku nikah orang tua. Silakan ke kantor desa.")
        String example,
        @Schema(description = "Send it as If-Match to change the template", example = "0") int version,
        @MayBeAbsent @Schema(description = "Last change; absent while the default was never changed", example = "2026-11-30T02:15:00Z") Instant updatedAt)
        implements Versioned {

    @Schema(name = "MessageTemplateList", description = "The message of every status")
    public record Page(List<MessageTemplateView> items) {
    }

    @Schema(name = "MessageTemplateBody")
    public record Body(
            @Schema(description = "At most 500 characters. Placeholders: {layanan} the service, {kode} the tracking code, {opd} the "
                    + "OPD that has the request, {desa} the desa, {jatuh_tempo} the due date, {catatan} the OPD's public note "
                    + "(for NEEDS_INFO: what to bring). Never the citizen's name.",
                    example = "Permohonan {layanan} ({kode}) perlu dilengkapi: {catatan}. Bawa ke kantor desa {desa}.")
            String text) {
    }
}
