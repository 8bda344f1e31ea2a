package id.go.layanandesa.region;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.go.layanandesa.common.TimeZones;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.ZoneId;
import java.util.List;

/** A region on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Region", description = "A region of the Kepmendagri code list")
public record RegionView(
        @Schema(example = "73.24.04.2001") String code,
        @Schema(example = "Harapan") String name,
        @Schema(example = "DESA") RegionLevel level,
        @MayBeAbsent @Schema(description = "For level DESA: DESA (last segment starts with 2) or KELURAHAN (starts with 1)", example = "DESA",
                enumeration = {"DESA", "KELURAHAN"}) String kind,
        @MayBeAbsent @Schema(example = "73.24.04") String parentCode,
        @MayBeAbsent @Schema(description = "The kabupaten/kota it lies in (itself for a kabupaten); absent for a provinsi", example = "73.24",
                nullable = true) String kabupatenCode,
        @MayBeAbsent @Schema(description = "Time zone of a kabupaten/kota and everything in it; absent for a provinsi (some span none, "
                + "but the zone is kept per provinsi)") Zone zone,
        @MayBeAbsent @Schema(description = "From the provinsi down to the parent; present on GET of one region only")
        List<Ancestor> ancestors) {

    @Schema(name = "RegionZone")
    public record Zone(
            @Schema(example = "WITA", enumeration = {"WIB", "WITA", "WIT"}) String name,
            @Schema(example = "Asia/Makassar") String ianaId) {
    }

    @Schema(name = "RegionAncestor")
    public record Ancestor(
            @Schema(example = "73.24") String code,
            @Schema(example = "Kabupaten Luwu Timur") String name,
            @Schema(example = "KABUPATEN") RegionLevel level) {
    }

    static RegionView of(Region r, List<Ancestor> ancestors) {
        Zone zone = null;
        if (r.level >= 2) {
            ZoneId id = TimeZones.forRegion(r.code);
            zone = new Zone(TimeZones.abbreviation(id), id.getId());
        }
        String kind = r.level == 4 ? RegionCodes.desaKind(r.code) : null;
        return new RegionView(r.code, r.name, r.levelKind(), kind, r.parentCode, RegionCodes.kabupatenOf(r.code), zone, ancestors);
    }
}
