package id.go.layanandesa.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the service serves its web client: headers of its pages, the tracking link, compression and size. */
@QuarkusTest
class WebClientServingTest {

    /** The budget for the first load, transferred compressed. */
    static final int FIRST_LOAD_BUDGET = 250 * 1024;

    @TestHTTPResource("/")
    URI base;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<byte[]> get(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) throws IOException {
        byte[] body = response.body();
        if ("gzip".equals(response.headers().firstValue("Content-Encoding").orElse(null))) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void pagesOfTheClientCarryAStrictContentSecurityPolicyAndTheApiDoesNot() throws Exception {
        for (String path : List.of("/", "/js/app.js", "/app.css", "/sw.js", "/lacak/K7M2-QX9P-RT", "/no-such-page")) {
            HttpResponse<byte[]> r = get(path, null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && csp.contains("default-src 'none'")
                    && csp.contains("frame-ancestors 'none'") && csp.contains("require-trusted-types-for 'script'"), path + ": " + csp);
            assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
        // Swagger UI needs inline script; the API and health answers carry only the frame policy every answer has.
        for (String path : List.of("/api/v1/tracking/K7M2-QX9P-RT", "/q/health/live")) {
            assertEquals("frame-ancestors 'none'", get(path, null).headers().firstValue("Content-Security-Policy").orElse(null), path);
        }
    }

    @Test
    void theClientsPagesHoldNoInlineScriptOrStyle() throws Exception {
        String index = text(get("/", null));
        assertTrue(index.contains("<script type=\"module\" src=\"/js/app.js\"></script>"), index);
        assertTrue(!Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(index).find(), "inline script in index.html");
        assertTrue(!index.contains("<style") && !index.contains(" style=") && !Pattern.compile(" on[a-z]+=").matcher(index).find(),
                "inline style or handler in index.html");
    }

    @Test
    void theTrackingLinkOpensTheClientAndUnknownCodesStillOpenIt() throws Exception {
        HttpResponse<byte[]> r = get("/lacak/K7M2-QX9P-RT", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(text(r).contains("/js/app.js"));
        assertEquals(404, get("/lacak/a/b", null).statusCode(), "only a single code segment is a tracking link");
    }

    @Test
    void textFilesGoOutCompressedAndApiAnswersAreUnchanged() throws Exception {
        for (String path : List.of("/", "/js/desa.js", "/app.css")) {
            assertEquals("gzip", get(path, "gzip").headers().firstValue("Content-Encoding").orElse(null), path);
        }
        for (String path : List.of("/api/v1/tracking/K7M2-QX9P-RT", "/q/health/live")) {
            String encoding = get(path, "gzip").headers().firstValue("Content-Encoding").orElse("identity");
            assertEquals("identity", encoding, path + ": API answers are not compressed");
        }
    }

    /**
     * The first load is everything the shell needs: the service worker's list (which also opens the
     * app offline) holds every file index.html refers to, and all of it, compressed, fits the budget.
     */
    @Test
    void theFirstLoadFitsTheBudgetCompressedAndTheOfflineShellHoldsEveryFileThePageLoads() throws Exception {
        String sw = text(get("/sw.js", null));
        Matcher list = Pattern.compile("const SHELL = \\[(.*?)];", Pattern.DOTALL).matcher(sw);
        assertTrue(list.find(), "sw.js lists its shell");
        Set<String> shell = new LinkedHashSet<>();
        Matcher entry = Pattern.compile("'([^']+)'").matcher(list.group(1));
        while (entry.find()) {
            shell.add(entry.group(1));
        }
        String index = text(get("/", null));
        Matcher ref = Pattern.compile("(?:href|src)=\"(/[^\"#]*)\"").matcher(index);
        List<String> referenced = new ArrayList<>();
        while (ref.find()) {
            referenced.add(ref.group(1));
        }
        assertTrue(referenced.size() >= 10, referenced.toString());
        for (String path : referenced) {
            assertTrue(shell.contains(path), path + " is loaded by the page but not kept for offline use");
        }
        Set<String> firstLoad = new LinkedHashSet<>(shell);
        firstLoad.add("/sw.js");
        long transferred = 0;
        for (String path : firstLoad) {
            HttpResponse<byte[]> r = get(path, "gzip, deflate, br");
            assertEquals(200, r.statusCode(), path);
            transferred += r.body().length;
            // status line and headers, roughly as they travel
            transferred += 17 + r.headers().map().entrySet().stream()
                    .mapToInt(e -> e.getValue().stream().mapToInt(v -> e.getKey().length() + v.length() + 4).sum()).sum();
        }
        System.out.printf("Web client first load: %d files, %d bytes (%.1f KB) transferred compressed%n",
                firstLoad.size(), transferred, transferred / 1024.0);
        assertTrue(transferred <= FIRST_LOAD_BUDGET, "first load " + transferred + " bytes > " + FIRST_LOAD_BUDGET);
    }
}
