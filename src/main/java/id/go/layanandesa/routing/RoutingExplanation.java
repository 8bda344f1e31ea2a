package id.go.layanandesa.routing;

import id.go.layanandesa.common.openapi.MayBeAbsent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoutingExplanation", description = "Where a request for a service from a desa would go now, and why")
public record RoutingExplanation(
        OpdRef opd,
        @Schema(description = "Which step of the precedence chose it", example = "RULE_SERVICE_KECAMATAN",
                enumeration = {"RULE_SERVICE_DESA", "RULE_SERVICE_KECAMATAN", "RULE_SERVICE_KABUPATEN", "RULE_ALL_DESA",
                        "RULE_ALL_KECAMATAN", "RULE_ALL_KABUPATEN", "SERVICE_DEFAULT", "TRIAGE"}) String basis,
        @MayBeAbsent @Schema(description = "The rule that matched; absent for the service's default OPD and triage", example = "2001") Long ruleId,
        @MayBeAbsent @Schema(description = "The rule that matched, whole: for a relative rule, `opd` is the OPD of its kind that "
                + "serves the desa") RoutingRuleView rule) {

    @Schema(name = "RoutingOpdRef")
    public record OpdRef(
            @Schema(example = "1008") long id,
            @Schema(example = "CAMAT_MALILI") String code,
            @Schema(example = "Kantor Camat Malili") String name) {
    }
}
