package id.go.layanandesa.request;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** What a desa officer files. The desa comes from the officer's account, never from here. */
@Schema(name = "FilingRequest", description = "A citizen's request as the desa officer files it")
public record FilingRequest(
        @Schema(description = "Id of a service of the kabupaten's catalog", example = "1001") @NotNull Long serviceTypeId,
        @Schema(description = "The citizen the request is for") @NotNull @Valid Citizen citizen,
        @Schema(description = "Answers to the service's form fields, by field key",
                example = "{\"nama_bayi\": \"Siti Aminah\", \"tanggal_lahir\": \"2026-11-20\", \"jenis_kelamin\": \"PEREMPUAN\", \"anak_ke\": 2}")
        Map<String, Object> answers,
        @Schema(description = "A declaration for each required document")
        List<@Valid DocumentDeclaration> documents,
        @Schema(description = "Free text for the OPD", example = "Orang tua datang ke kantor desa pada pagi hari") @Size(max = 2000) String note) {

    @Schema(name = "Citizen", description = "Personal data: shown only to those who work the request")
    public record Citizen(
            @Schema(description = "NIK, 16 digits", example = "7324044107900001") @NotBlank String nik,
            @Schema(description = "Full name as on the KTP-el", example = "Siti Rahmawati") @NotBlank @Size(max = 200) String name,
            @MayBeAbsent @Schema(description = "Mobile number, 08… or +628…; stored as +628…", example = "081234567890") @Size(max = 30) String phone,
            @MayBeAbsent @Schema(description = "Address within the desa (dusun, RT/RW)", example = "Dusun Harapan I, RT 002/RW 001") @Size(max = 500) String address) {
    }
}
