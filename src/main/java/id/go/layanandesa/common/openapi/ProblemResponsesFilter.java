package id.go.layanandesa.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes the error side of every operation: each 4xx and 5xx response is a problem+json document
 * with an example, secured operations declare 401 and 403, every operation declares 500 and 503 (with Retry-After).
 * Runs after {@link OperationSecurityFilter}, which declares which operations are secured, and before
 * {@link WireContractFilter}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 100)
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<String, String[]> DEFAULTS = Map.ofEntries(
            Map.entry("400", new String[]{"VALIDATION_FAILED", "Validation failed", "citizen.nik: must be 16 digits"}),
            Map.entry("401", new String[]{"UNAUTHENTICATED", "Unauthenticated", "send a valid access token or API key in the Authorization header"}),
            Map.entry("403", new String[]{"FORBIDDEN", "Forbidden", "your role may not do this"}),
            Map.entry("404", new String[]{"NOT_FOUND", "Not found", "request 1001 was not found"}),
            Map.entry("409", new String[]{"INVALID_TRANSITION", "Conflict", "cannot accept a request that is COMPLETED"}),
            Map.entry("412", new String[]{"STALE_VERSION", "Precondition failed", "the request changed since version 3; read it again"}),
            Map.entry("422", new String[]{"IDEMPOTENCY_KEY_REUSED", "Unprocessable content", "this Idempotency-Key was used with a different body"}),
            Map.entry("428", new String[]{"IF_MATCH_REQUIRED", "Precondition required", "send the resource's ETag in If-Match to change it"}),
            Map.entry("429", new String[]{"RATE_LIMITED", "Too many requests", "too many requests from this address; retry after 20 s"}),
            Map.entry("500", new String[]{"INTERNAL_ERROR", "Internal error",
                    "the service failed to answer; quote request id 5f2c9a1e7b3d4c10 when reporting it"}),
            Map.entry("503", new String[]{"SERVICE_UNAVAILABLE", "Service unavailable", "the database is restarting; retry after 3 s"}));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                complete(path.getKey(), entry.getValue());
            }
        }
    }

    private void complete(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
        if (secured) {
            ensure(responses, "401", "Missing, expired or invalid credentials");
            ensure(responses, "403", "The caller's role may not do this");
        }
        ensure(responses, "500", "Unexpected failure; the body carries the request id");
        ensure(responses, "503", "The database is away (its embedded PostgreSQL is being started again); see Retry-After");
        declareRetryAfter(responses.getAPIResponse("503"));
        for (Map.Entry<String, APIResponse> response : new LinkedHashMap<>(responses.getAPIResponses()).entrySet()) {
            String status = response.getKey();
            if (status.startsWith("4") || status.startsWith("5")) {
                asProblem(path, status, response.getValue());
            }
        }
    }

    private static void declareRetryAfter(APIResponse response) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After")) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again; absent when the database could not be brought back")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER))
                    .example(3));
        }
    }

    private static void ensure(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void asProblem(String path, String status, APIResponse response) {
        Content content = OASFactory.createContent();
        String[] example = DEFAULTS.getOrDefault(status, new String[]{"HTTP_" + status, "Error", "the request failed"});
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:layanan-desa:problem:" + example[0].toLowerCase().replace('_', '-'));
        body.put("title", example[1]);
        body.put("status", Integer.parseInt(status));
        body.put("detail", example[2]);
        body.put("instance", path);
        body.put("code", example[0]);
        body.put("requestId", "5f2c9a1e7b3d4c10");
        if ("400".equals(status)) {
            body.put("violations", List.of(Map.of("field", "citizen.nik", "message", "must be 16 digits")));
        }
        MediaType mediaType = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(body);
        Content existing = response.getContent();
        if (existing != null && existing.getMediaTypes() != null && existing.getMediaTypes().containsKey("application/problem+json")) {
            MediaType declared = existing.getMediaType("application/problem+json");
            if (declared.getExample() == null && (declared.getExamples() == null || declared.getExamples().isEmpty())) {
                declared.setExample(body);
            }
            declared.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
            response.setContent(OASFactory.createContent().addMediaType("application/problem+json", declared));
            return;
        }
        content.addMediaType("application/problem+json", mediaType);
        response.setContent(content);
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(example[1]);
        }
    }
}
