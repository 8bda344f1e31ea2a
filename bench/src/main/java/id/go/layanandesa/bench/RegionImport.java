package id.go.layanandesa.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static id.go.layanandesa.bench.Numbers.f1;

/**
 * The national region list, imported through the API in one POST as an operator would, when the file is
 * beside the project. Reference data of every run (the bulk load spreads requests over the desa it adds);
 * the import figure reports how long it took.
 *
 * @param file  the region file
 * @param rows  its rows, or -1 when there is no file
 * @param nanos how long the POST took
 * @param summary the import's report: added, updated, unchanged
 */
public record RegionImport(Path file, long rows, long nanos, String summary) {

    public boolean ran() {
        return rows >= 0;
    }

    static RegionImport run(Path wilayah, Api api, String operatorToken, Log log) throws Exception {
        if (!Files.exists(wilayah)) {
            log.say("no national region file at " + wilayah + ": demo regions only");
            return new RegionImport(wilayah, -1, 0, "");
        }
        byte[] csv = Files.readAllBytes(wilayah);
        long lines = new String(csv, StandardCharsets.UTF_8).lines().count() - 1;
        log.say("importing " + lines + " regions");
        long t0 = System.nanoTime();
        HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/regions/import"))
                .header("Authorization", "Bearer " + operatorToken).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build());
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode report = Api.JSON.readTree(r.body());
        String summary = report.properties().stream().filter(e -> e.getValue().isNumber())
                .map(e -> e.getKey() + " " + e.getValue().asText()).collect(Collectors.joining(", "));
        log.say("import took " + f1(took / 1e9) + " s: " + summary);
        return new RegionImport(wilayah, lines, took, summary);
    }
}
