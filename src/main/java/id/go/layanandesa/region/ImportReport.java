package id.go.layanandesa.region;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What an import of the region list did. */
@Schema(name = "RegionImportReport")
public record ImportReport(
        @Schema(description = "Regions that were not in the table", example = "91571") int added,
        @Schema(description = "Regions whose name changed", example = "3") int updated,
        @Schema(description = "Regions already there with the same name", example = "25") int unchanged,
        @Schema(description = "Lines not imported, with why") List<Rejected> rejected) {

    @Schema(name = "RegionImportRejection")
    public record Rejected(
            @Schema(description = "Line number in the file, the header being line 1", example = "17") int line,
            @Schema(description = "The code as written on the line", example = "73.24.4") String code,
            @Schema(example = "MALFORMED_CODE", enumeration = {"MALFORMED_CODE", "ORPHAN", "DUPLICATE", "MISSING_NAME", "NAME_TOO_LONG", "INVALID_TEXT"})
            String reason) {
    }
}
