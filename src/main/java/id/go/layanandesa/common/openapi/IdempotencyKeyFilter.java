package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.LayananConfig;
import id.go.layanandesa.common.idempotency.IdempotentCalls;
import id.go.layanandesa.common.idempotency.IdempotentOperations;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Declares the Idempotency-Key header, and what it can answer, on exactly the operations marked
 * {@code @Idempotent} — the same declaration the service honours, found when the service starts.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class IdempotencyKeyFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        IdempotentOperations operations = Arc.container().instance(IdempotentOperations.class).get();
        long retentionHours = Arc.container().instance(LayananConfig.class).get().idempotency().retention().toHours();
        for (IdempotentOperations.Operation op : operations.all()) {
            PathItem item = openAPI.getPaths().getPathItem(op.path());
            Operation operation = item == null ? null : item.getOperations().get(PathItem.HttpMethod.valueOf(op.httpMethod()));
            if (operation != null) {
                declare(operation, retentionHours);
            }
        }
    }

    private static void declare(Operation operation, long retentionHours) {
        boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> IdempotentCalls.HEADER.equalsIgnoreCase(p.getName()));
        if (!declared) {
            operation.addParameter(OASFactory.createParameter()
                    .name(IdempotentCalls.HEADER)
                    .in(Parameter.In.HEADER)
                    .required(false)
                    .description("Makes a retry safe: the same key with the same call answers the first answer again "
                            + "(with `Idempotent-Replayed: true`); with a different call it is refused (422); while the first "
                            + "is still running, 409. Up to 100 of A-Z a-z 0-9 . _ : -; kept " + retentionHours + " h per caller.")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^[A-Za-z0-9._:-]{1,100}$"))
                    .example("harapan-20261129-0007"));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> entry : responses.getAPIResponses().entrySet()) {
            if (entry.getKey().startsWith("2")) {
                APIResponse success = entry.getValue();
                if (success.getHeaders() == null || !success.getHeaders().containsKey(IdempotentCalls.REPLAYED)) {
                    success.addHeader(IdempotentCalls.REPLAYED, OASFactory.createHeader()
                            .description("`true` when this is the stored answer of an earlier call with the same Idempotency-Key")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
                }
            }
        }
        problem(responses, "409", "IDEMPOTENCY_IN_FLIGHT", "Conflict",
                "a call with this Idempotency-Key is still being processed; retry in a moment");
        problem(responses, "422", "IDEMPOTENCY_KEY_REUSED", "Unprocessable content",
                "this Idempotency-Key was already used for a different call; use a new key for a new call");
    }

    private static void problem(APIResponses responses, String status, String code, String title, String detail) {
        APIResponse response = responses.getAPIResponse(status);
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:layanan-desa:problem:" + code.toLowerCase().replace('_', '-'));
        example.put("title", title);
        example.put("status", Integer.parseInt(status));
        example.put("detail", detail);
        example.put("instance", "/api/v1/requests");
        example.put("code", code);
        example.put("requestId", "5f2c9a1e7b3d4c10");
        if (response == null) {
            response = OASFactory.createAPIResponse().description(title + ": " + detail)
                    .content(OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
            responses.addAPIResponse(status, response);
        }
        if (response.getContent() == null) {
            response.content(OASFactory.createContent());
        }
        var media = response.getContent().getMediaType("application/problem+json");
        if (media == null) {
            media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
            response.getContent().addMediaType("application/problem+json", media);
        }
        if (media.getExample() != null) {
            // example and examples exclude each other: the one example becomes the first of several
            Object single = media.getExample();
            Object singleCode = single instanceof Map<?, ?> map ? map.get("code") : null;
            media.setExample(null);
            String name = singleCode == null ? "example" : singleCode.toString();
            media.addExample(name, OASFactory.createExample().summary(name).value(single));
        }
        media.addExample(code, OASFactory.createExample().summary(code).value(example));
    }

}
