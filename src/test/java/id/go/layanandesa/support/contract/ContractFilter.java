package id.go.layanandesa.support.contract;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks every request and answer of the API tests against the spec the service serves, failing the test on
 * the first exchange that breaks it. Installed for every {@code @QuarkusTest} by {@link ContractCallbacks}.
 */
public final class ContractFilter implements Filter {

    public static final ContractFilter INSTANCE = new ContractFilter();

    private static volatile ApiContract contract;
    private static volatile String offContractReason;
    private static final AtomicLong CHECKED = new AtomicLong();

    private ContractFilter() {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("Contract: " + CHECKED.get() + " API exchanges were checked against the served spec")));
    }

    /** The served spec, read once per test run (every test profile serves the same one). */
    public static ApiContract contract() {
        if (contract == null) {
            synchronized (ContractFilter.class) {
                if (contract == null) {
                    try {
                        HttpResponse<String> spec = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/openapi?format=json")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        contract = new ApiContract(spec.body());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot read the served spec", e);
                    }
                }
            }
        }
        return contract;
    }

    /** Set while a test marked {@link OffContractRequests} runs; null otherwise. */
    static void offContract(String reason) {
        offContractReason = reason;
    }

    /** Exchanges checked so far in this JVM. */
    public static long checked() {
        return CHECKED.get();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/api/")) {
            return response;
        }
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        for (Header h : request.getHeaders()) {
            requestHeaders.putIfAbsent(h.getName(), h.getValue());
        }
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            responseHeaders.computeIfAbsent(h.getName(), k -> new java.util.ArrayList<>()).add(h.getValue());
        }
        ApiContract.Exchange exchange = new ApiContract.Exchange(request.getMethod(), URLDecoder.decode(path, StandardCharsets.UTF_8),
                query(uri.getRawQuery()), requestHeaders, request.getContentType(), bodyOf(request.getBody()),
                response.getStatusCode(), responseHeaders, response.getContentType(), response.asString());
        ApiContract api = contract();
        List<String> broken = new java.util.ArrayList<>();
        if (offContractReason == null) {
            api.checkRequest(exchange).forEach(b -> broken.add("request: " + b));
        }
        broken.addAll(api.checkResponse(exchange));
        CHECKED.incrementAndGet();
        if (!broken.isEmpty()) {
            throw new AssertionError("The exchange " + request.getMethod() + " " + request.getURI() + " -> " + response.getStatusCode()
                    + " breaks the spec:\n  " + String.join("\n  ", broken)
                    + "\n  answer: " + abbreviate(response.asString())
                    + (offContractReason == null ? "\n  (a test that sends invalid requests on purpose says so with @OffContractRequests)" : ""));
        }
        return response;
    }

    private static String bodyOf(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().writeValueAsString(body);
        } catch (Exception e) {
            return String.valueOf(body);
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return query;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 1500 ? s.substring(0, 1500) + "…" : s;
    }
}
