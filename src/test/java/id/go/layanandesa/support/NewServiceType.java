package id.go.layanandesa.support;

import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * A catalog entry a test adds through the API: by default named after its code, handled by the given OPD in 3 working
 * days, free, with no documents and no form fields; anything else is set with {@link #with}.
 */
public final class NewServiceType {

    private final Map<String, Object> body = new HashMap<>();

    private NewServiceType(String code, long defaultOpd) {
        body.put("code", code);
        body.put("name", "Layanan " + code);
        body.put("defaultOpdId", defaultOpd);
        body.put("timeLimitDays", 3);
        body.put("fee", 0);
    }

    public static NewServiceType of(String code, long defaultOpd) {
        return new NewServiceType(code, defaultOpd);
    }

    public NewServiceType with(String field, Object value) {
        body.put(field, value);
        return this;
    }

    /** Its form fields, as the API takes them ({@code key, label, type, required, order}, ...). */
    public NewServiceType fields(List<Map<String, Object>> fields) {
        return with("fields", fields);
    }

    /** Adds it as the admin (201) and answers its id. */
    public long createdBy(String admin) {
        return ((Number) given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).when().post("/api/v1/service-types")
                .then().statusCode(201).extract().path("id")).longValue();
    }
}
