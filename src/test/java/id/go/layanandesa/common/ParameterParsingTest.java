package id.go.layanandesa.common;

import id.go.layanandesa.common.security.Role;
import id.go.layanandesa.support.AuthFixtures;
import id.go.layanandesa.support.TestAccounts;
import id.go.layanandesa.support.contract.OffContractRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * Every query parameter of every list and every id in a path, read from text: a value of the wrong kind is a 400
 * naming the parameter and saying what it must be, never the 404 "no resource" or a silent default.
 */
@QuarkusTest
@OffContractRequests("parameters of the wrong kind or out of range, and well-formed spellings the spec does not list (TRUE)")
class ParameterParsingTest {

    /** Whole numbers of 32 bits (limits, years, versions): words, exponents, fractions and one past the range. */
    static final List<String> NOT_AN_INT = List.of("abc", "1e3", "4.5", "2147483648");
    /** Whole numbers of 64 bits (ids). */
    static final List<String> NOT_A_LONG = List.of("abc", "1e3", "9223372036854775808");
    static final List<String> NOT_A_BOOLEAN = List.of("maybe", "1");
    static final List<String> NOT_AN_INSTANT = List.of("2026-11-30", "+99999-01-01T00:00:00Z");

    enum Caller {
        ADMIN(() -> TestAccounts.admin("73.24")),
        VIEWER(() -> TestAccounts.viewer("73.24")),
        DESA(() -> TestAccounts.desaOfficer("73.24.04.2001")),
        OPD(() -> TestAccounts.token(Role.OPD_OFFICER, "73.24", null, AuthFixtures.homeOpd()));

        private final Supplier<String> make;
        private volatile String token;

        Caller(Supplier<String> make) {
            this.make = make;
        }

        String token() {
            if (token == null) {
                token = make.get();
            }
            return token;
        }
    }

    /** A list and the parameters it reads from text, by kind. */
    record ListEndpoint(String path, Caller caller, List<String> ints, List<String> longs, List<String> booleans, List<String> instants) {
    }

    static final List<ListEndpoint> LISTS = List.of(
            new ListEndpoint("/api/v1/requests", Caller.DESA, List.of("limit"), List.of("serviceTypeId"), List.of("overdue"),
                    List.of("filedFrom", "filedTo")),
            new ListEndpoint("/api/v1/requests", Caller.ADMIN, List.of("limit"), List.of("serviceTypeId"), List.of("overdue"),
                    List.of("filedFrom", "filedTo")),
            new ListEndpoint("/api/v1/queue", Caller.OPD, List.of("limit"), List.of("opdId", "serviceTypeId"),
                    List.of("overdue", "assignedToMe", "needsAttention"), List.of("filedFrom", "filedTo")),
            new ListEndpoint("/api/v1/queue", Caller.ADMIN, List.of("limit"), List.of("opdId", "serviceTypeId"),
                    List.of("overdue", "assignedToMe", "needsAttention"), List.of("filedFrom", "filedTo")),
            new ListEndpoint("/api/v1/accounts", Caller.ADMIN, List.of("limit"), List.of(), List.of(), List.of()),
            new ListEndpoint("/api/v1/api-keys", Caller.ADMIN, List.of("limit"), List.of("opdId"), List.of(), List.of()),
            new ListEndpoint("/api/v1/regions/73.24/children", Caller.VIEWER, List.of("limit"), List.of(), List.of(), List.of()),
            new ListEndpoint("/api/v1/regions/search?kabupaten=73.24&q=ma", Caller.VIEWER, List.of("limit"), List.of(), List.of(), List.of()),
            new ListEndpoint("/api/v1/opds", Caller.VIEWER, List.of(), List.of(), List.of("active"), List.of()),
            new ListEndpoint("/api/v1/service-types", Caller.VIEWER, List.of(), List.of(), List.of("open"), List.of()),
            new ListEndpoint("/api/v1/routing-rules", Caller.VIEWER, List.of(), List.of("serviceTypeId"), List.of(), List.of()),
            new ListEndpoint("/api/v1/holidays", Caller.VIEWER, List.of("year"), List.of(), List.of(), List.of()),
            new ListEndpoint("/api/v1/routing/explain?desa=73.24.04.2001", Caller.VIEWER, List.of(), List.of("serviceTypeId"), List.of(),
                    List.of()));

    static Stream<Arguments> badQueryParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (ListEndpoint e : LISTS) {
            e.ints().forEach(p -> NOT_AN_INT.forEach(v -> cases.add(Arguments.of(e.path(), e.caller(), p, v))));
            e.longs().forEach(p -> NOT_A_LONG.forEach(v -> cases.add(Arguments.of(e.path(), e.caller(), p, v))));
            e.booleans().forEach(p -> NOT_A_BOOLEAN.forEach(v -> cases.add(Arguments.of(e.path(), e.caller(), p, v))));
            e.instants().forEach(p -> NOT_AN_INSTANT.forEach(v -> cases.add(Arguments.of(e.path(), e.caller(), p, v))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} GET {0} {2}=''{3}''")
    @MethodSource("badQueryParameters")
    void aQueryParameterOfTheWrongKindIs400NamingIt(String path, Caller caller, String parameter, String value) {
        given().auth().oauth2(caller.token()).queryParam(parameter, value).get(path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("INVALID_PARAMETER"))
                .body("violations[0].field", is(parameter))
                .body("violations[0].message", containsString("'" + value + "'"))
                .body("detail", startsWith(parameter + ": "));
    }

    /** Every operation with an id in its path, with a caller allowed to call it. */
    static Stream<Arguments> pathIds() {
        String[][] operations = {
                {"GET", "/api/v1/requests/{id}", "DESA"},
                {"POST", "/api/v1/requests/{id}/cancel", "DESA"},
                {"POST", "/api/v1/requests/{id}/supply-info", "DESA"},
                {"POST", "/api/v1/queue/requests/{id}/accept", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/release", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/forward", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/request-info", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/complete", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/reject", "OPD"},
                {"POST", "/api/v1/queue/requests/{id}/reassign", "ADMIN"},
                {"GET", "/api/v1/accounts/{id}", "ADMIN"},
                {"POST", "/api/v1/accounts/{id}/disable", "ADMIN"},
                {"POST", "/api/v1/accounts/{id}/enable", "ADMIN"},
                {"POST", "/api/v1/accounts/{id}/unlock", "ADMIN"},
                {"POST", "/api/v1/accounts/{id}/password", "ADMIN"},
                {"GET", "/api/v1/api-keys/{id}", "ADMIN"},
                {"POST", "/api/v1/api-keys/{id}/revoke", "ADMIN"},
                {"GET", "/api/v1/opds/{id}", "VIEWER"},
                {"PUT", "/api/v1/opds/{id}", "ADMIN"},
                {"DELETE", "/api/v1/opds/{id}", "ADMIN"},
                {"GET", "/api/v1/service-types/{id}", "VIEWER"},
                {"PUT", "/api/v1/service-types/{id}", "ADMIN"},
                {"DELETE", "/api/v1/service-types/{id}", "ADMIN"},
                {"GET", "/api/v1/service-types/{id}/versions/1", "VIEWER"},
                {"GET", "/api/v1/routing-rules/{id}", "VIEWER"},
                {"DELETE", "/api/v1/routing-rules/{id}", "ADMIN"},
        };
        List<Arguments> cases = new ArrayList<>();
        for (String[] op : operations) {
            for (String value : List.of("abc", "9223372036854775808")) {
                cases.add(Arguments.of(op[0], op[1], Caller.valueOf(op[2]), "id", value));
            }
        }
        cases.add(Arguments.of("GET", "/api/v1/service-types/1/versions/{version}", Caller.VIEWER, "version", "first"));
        cases.add(Arguments.of("GET", "/api/v1/service-types/1/versions/{version}", Caller.VIEWER, "version", "2147483648"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{2} {0} {1} {3}=''{4}''")
    @MethodSource("pathIds")
    void anIdThatIsNoNumberIs400SayingWhatItMustBe(String method, String template, Caller caller, String parameter, String value) {
        RequestSpecification spec = given().auth().oauth2(caller.token()).contentType("application/json").body("{}")
                .header("If-Match", "\"0\"");
        spec.request(method, template.replace("{" + parameter + "}", value)).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", is("INVALID_PARAMETER"))
                .body("violations[0].field", is(parameter))
                .body("violations[0].message", allOf(containsString("'" + value + "'"), containsString("whole number")));
    }

    @ParameterizedTest(name = "DELETE /api/v1/holidays/{0}")
    @MethodSource("notDates")
    void aHolidayThatIsNoDateIs400(String value) {
        given().auth().oauth2(Caller.ADMIN.token()).delete("/api/v1/holidays/" + value).then()
                .statusCode(400).body("violations[0].field", is("date"));
    }

    static Stream<String> notDates() {
        return Stream.of("tomorrow", "2026-13-01", "+99999-01-01");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("goodValues")
    void goodValuesAreStillRead(String parameter, String value) {
        given().auth().oauth2(Caller.OPD.token()).queryParam(parameter, value).get("/api/v1/queue").then().statusCode(200);
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(Arguments.of("limit", "100"), Arguments.of("limit", "+5"), Arguments.of("overdue", "TRUE"),
                Arguments.of("overdue", "false"), Arguments.of("assignedToMe", "true"), Arguments.of("serviceTypeId", "1"),
                Arguments.of("filedFrom", "2026-01-01T00:00:00Z"));
    }
}
