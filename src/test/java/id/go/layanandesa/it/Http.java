package id.go.layanandesa.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client on java.net.http for tests against running processes. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Http() {
    }

    public static Reply post(String url, String token, Object body) throws Exception {
        return post(url, token, body, java.util.Map.of());
    }

    public static Reply post(String url, String token, Object body, java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    /** Any call with a body of its own type (a CSV, a JSON document as text); null body for none. */
    public static Reply send(String method, String url, String token, String contentType, String body, java.util.Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    public static Reply get(String url, String token) throws Exception {
        return get(url, token, java.util.Map.of());
    }

    public static Reply get(String url, String token, java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    private static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        boolean json = r.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
        JsonNode body = !json || r.body() == null || r.body().isBlank() ? null : JSON.readTree(r.body());
        return new Reply(r.statusCode(), body, r);
    }
}
