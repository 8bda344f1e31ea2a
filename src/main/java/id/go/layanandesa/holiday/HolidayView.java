package id.go.layanandesa.holiday;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "Holiday", description = "A holiday or joint leave day (cuti bersama) of the caller's kabupaten")
public record HolidayView(
        @Schema(example = "2026-12-25") LocalDate date,
        @Schema(example = "Hari Raya Natal") String name) {

    static HolidayView of(Holiday h) {
        return new HolidayView(h.key.day(), h.name);
    }
}
