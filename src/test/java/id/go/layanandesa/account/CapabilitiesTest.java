package id.go.layanandesa.account;

import id.go.layanandesa.common.security.Capability;
import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What GET /api/v1/me says a caller may do is exactly what its role can call: for every role, each capability is
 * probed at an endpoint it stands for, and a probe is allowed when it is not refused with 401 or 403 (an invalid body
 * then answers 400: the role got past the door and nothing was written).
 */
@QuarkusTest
class CapabilitiesTest {

    /** One call per capability that only a role holding it gets past the door of. */
    static final Map<Capability, Function<RequestSpecification, Integer>> PROBES = Map.ofEntries(
            Map.entry(Capability.FILE_REQUESTS, s -> s.contentType("application/json").body("{}").post("/api/v1/requests").statusCode()),
            Map.entry(Capability.VIEW_REQUESTS, s -> s.get("/api/v1/requests?limit=1").statusCode()),
            Map.entry(Capability.WORK_QUEUE, s -> s.get("/api/v1/queue?limit=1").statusCode()),
            Map.entry(Capability.CLAIM_QUEUE, s -> s.contentType("application/json").body("{\"limit\":0}").post("/api/v1/queue/claims")
                    .statusCode()),
            Map.entry(Capability.MANAGE_CATALOG, s -> s.contentType("application/json").body("{}").post("/api/v1/service-types").statusCode()),
            Map.entry(Capability.MANAGE_ROUTING, s -> s.contentType("application/json").body("{}").post("/api/v1/routing-rules").statusCode()),
            Map.entry(Capability.MANAGE_HOLIDAYS, s -> s.contentType("application/json").body("{}").post("/api/v1/holidays").statusCode()),
            Map.entry(Capability.MANAGE_ACCOUNTS, s -> s.get("/api/v1/accounts?limit=1").statusCode()),
            Map.entry(Capability.VIEW_STATISTICS, s -> s.get("/api/v1/statistics/overdue").statusCode()),
            Map.entry(Capability.RECORD_SURVEYS, s -> s.contentType("application/json").body("{}").post("/api/v1/requests/1/survey")
                    .statusCode()));

    static RequestSpecification as(Role role) {
        RequestSpecification s = given();
        return switch (role) {
            case ADMIN -> s.auth().oauth2(TestAccounts.admin(AuthFixtures.KABUPATEN));
            case VIEWER -> s.auth().oauth2(TestAccounts.viewer(AuthFixtures.KABUPATEN));
            case DESA_OFFICER -> s.auth().oauth2(TestAccounts.desaOfficer(AuthFixtures.DESA));
            case OPD_OFFICER -> s.auth().oauth2(TestAccounts.opdOfficer(AuthFixtures.homeOpd()));
            case OPD_SYSTEM -> s.header("X-API-Key", AuthFixtures.apiKey(AuthFixtures.homeOpd()));
        };
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void meListsExactlyWhatTheRoleCanCall(Role role) {
        AuthFixtures.ensureRegions();
        assertEquals(EnumSet.allOf(Capability.class), EnumSet.copyOf(PROBES.keySet()), "a probe for every capability");
        List<String> listed = as(role).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getList("capabilities");
        Set<Capability> callable = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> statuses = new java.util.TreeMap<>();
        PROBES.forEach((capability, probe) -> {
            int status = probe.apply(as(role));
            statuses.put(capability, status);
            if (status != 401 && status != 403) {
                callable.add(capability);
            }
        });
        assertEquals(callable, listed.stream().map(Capability::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Capability.class))),
                role + " probes answered " + statuses);
        assertEquals(Capability.of(role).size(), listed.size(), "no capability twice");
    }
}
