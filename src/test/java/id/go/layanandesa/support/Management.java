package id.go.layanandesa.support;

import io.quarkus.test.common.http.TestHTTPResourceManager;

import static io.restassured.RestAssured.given;

/** The management interface of the service under test: its own port, on the loopback interface only. */
public final class Management {

    private Management() {
    }

    /** The URL of a path of the management interface, such as /q/metrics. */
    public static String url(String path) {
        String root = TestHTTPResourceManager.getManagementUri();
        return root.replaceAll("/q/?$", "").replaceAll("/$", "") + path;
    }

    /** The Prometheus metrics. */
    public static String metrics() {
        return given().get(url("/q/metrics")).then().statusCode(200).extract().asString();
    }
}
