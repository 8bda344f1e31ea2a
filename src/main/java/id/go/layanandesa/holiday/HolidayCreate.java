package id.go.layanandesa.holiday;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "HolidayCreate")
public record HolidayCreate(
        @Schema(description = "ISO date", example = "2026-12-24") @NotNull LocalDate date,
        @Schema(example = "Cuti bersama Hari Raya Natal") @NotBlank @Size(max = 200) String name) {
}
