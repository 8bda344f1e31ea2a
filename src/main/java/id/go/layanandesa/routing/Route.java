package id.go.layanandesa.routing;

/**
 * Where a request goes and why.
 *
 * @param ruleId the rule that matched, or null when the service's default OPD or triage took it
 * @param basis  RULE_SERVICE_DESA, RULE_SERVICE_KECAMATAN, RULE_SERVICE_KABUPATEN, RULE_ALL_DESA,
 *               RULE_ALL_KECAMATAN, RULE_ALL_KABUPATEN, SERVICE_DEFAULT or TRIAGE
 */
public record Route(long opdId, String opdCode, String opdName, Long ruleId, String basis) {
}
