package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.error.ProblemCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the service's wire rules into the spec, so that strict tools and generated clients see what the
 * service really sends:
 * <ul>
 * <li>{@code required} on every property of a response record that is always sent: every component not
 * marked {@link MayBeAbsent}. A record used in both requests and responses whose required properties differ
 * is split: requests refer to a {@code …Input} copy that keeps the request's own required list;</li>
 * <li>the problem codes of each operation, per status, each with an example: those its kind implies
 * (authentication, body, parameters, Idempotency-Key, If-Match) and those its {@link ProblemCodes} name;</li>
 * <li>the headers the service sends: {@code X-Request-Id} on every answer, {@code WWW-Authenticate} on 401,
 * {@code Retry-After} on 429, {@code Idempotent-Replayed} on the success of calls that take an
 * Idempotency-Key, and a schema for every declared header;</li>
 * <li>the closed list of codes as the enumeration of {@code Problem.code}.</li>
 * </ul>
 * It runs after {@link ProblemResponsesFilter}, which declares the Idempotency-Key parameters.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 10)
public class WireContractFilter implements OASFilter {

    static final String SCHEMAS = "#/components/schemas/";
    static final String INPUT_SUFFIX = "Input";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String REQUEST_ID = "X-Request-Id";

    private static final DotName SCHEMA = DotName.createSimple(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    private static final DotName OPERATION = DotName.createSimple(org.eclipse.microprofile.openapi.annotations.Operation.class);
    private static final DotName MAY_BE_ABSENT = DotName.createSimple(MayBeAbsent.class);
    private static final DotName PROBLEM_CODES = DotName.createSimple(ProblemCodes.class);
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");

    private final IndexView index;

    public WireContractFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        requireWhatIsAlwaysSent(openAPI, schemas);
        closeProblemCodes(schemas);
        declareHeaderComponents(openAPI);
        Map<String, List<ProblemCode>> annotated = annotatedProblemCodes();
        List<String> mismatches = new ArrayList<>();
        Set<ProblemCode> used = java.util.EnumSet.noneOf(ProblemCode.class);
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith("/api/")) {
                declareProblems(path, method, operation, annotated.getOrDefault(operation.getOperationId(), List.of()), used, mismatches);
                declareHeaders(operation);
                if (method == org.eclipse.microprofile.openapi.models.PathItem.HttpMethod.HEAD) {
                    // a HEAD answer never has a body: its headers are all it says
                    operation.getResponses().getAPIResponses().values().forEach(r -> r.setContent(null));
                }
            }
        }));
        // One example per code, shared by the operations that answer it.
        for (ProblemCode code : used) {
            openAPI.getComponents().addExample(code.name(), OASFactory.createExample().summary(code.meaning()).value(exampleOf(code)));
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("The spec declares error answers no problem code explains:\n  "
                    + String.join("\n  ", mismatches));
        }
    }

    // ---------------------------------------------------------------- required properties

    private void requireWhatIsAlwaysSent(OpenAPI openAPI, Map<String, Schema> schemas) {
        Map<String, List<String>> alwaysSent = alwaysSentByRecord(schemas);
        Set<String> input = new LinkedHashSet<>();
        Set<String> output = new LinkedHashSet<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(m -> reach(m.getSchema(), schemas, input));
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().stream()
                            .filter(r -> r.getContent() != null)
                            .forEach(r -> r.getContent().getMediaTypes().values().forEach(m -> reach(m.getSchema(), schemas, output)));
                }
            }
        }
        // Which shared schemas need a request copy: those whose required lists differ, and those that refer to one.
        Set<String> split = new LinkedHashSet<>();
        for (String name : output) {
            List<String> required = alwaysSent.get(name);
            if (required != null && input.contains(name) && !Set.copyOf(required).equals(Set.copyOf(listOrEmpty(schemas.get(name).getRequired())))) {
                split.add(name);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String name : input) {
                if (output.contains(name) && !split.contains(name)) {
                    Set<String> refs = new LinkedHashSet<>();
                    directRefs(schemas.get(name), refs);
                    if (refs.stream().anyMatch(split::contains)) {
                        split.add(name);
                        grew = true;
                    }
                }
            }
        }
        Map<String, Schema> copies = new TreeMap<>();
        for (String name : split) {
            Schema copy = (Schema) deepCopy(schemas.get(name));
            retarget(copy, split);
            copies.put(name + INPUT_SUFFIX, copy);
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> retarget(m.getSchema(), split));
                }
            }
        }
        for (String name : input) {
            if (!output.contains(name) && schemas.containsKey(name)) {
                retarget(schemas.get(name), split);
            }
        }
        for (String name : output) {
            List<String> required = alwaysSent.get(name);
            Schema schema = schemas.get(name);
            // a record answers an object; a schema of another kind of the same name is not that record's
            if (required != null && schema.getProperties() != null) {
                schema.setRequired(required.isEmpty() ? null : required);
                dropNullFromTypes(schema);
            }
        }
        copies.forEach(openAPI.getComponents()::addSchema);
        for (String name : input) {
            if (!output.contains(name) && schemas.containsKey(name)) {
                acceptNullForOptional(schemas.get(name));
            }
        }
        copies.values().forEach(WireContractFilter::acceptNullForOptional);
    }

    /**
     * In requests an optional field may be left out or sent as null, and the service reads both as absent:
     * the request schemas say so ({@code type: [x, "null"]}). Answers never carry null.
     */
    private static void acceptNullForOptional(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = listOrEmpty(schema.getRequired());
        schema.getProperties().forEach((name, property) -> {
            List<Schema.SchemaType> types = property.getType();
            if (!required.contains(name) && types != null && !types.isEmpty() && !types.contains(Schema.SchemaType.NULL)) {
                List<Schema.SchemaType> nullable = new ArrayList<>(types);
                nullable.add(Schema.SchemaType.NULL);
                property.setType(nullable);
            }
        });
    }

    /** For each schema made from a record (or a class with fields), the JSON names of what it always sends. */
    private Map<String, List<String>> alwaysSentByRecord(Map<String, Schema> schemas) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        Map<String, ClassInfo> byName = new LinkedHashMap<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (!type.name().toString().startsWith("id.go.layanandesa.") || !type.isRecord()) {
                continue;
            }
            AnnotationInstance schema = type.declaredAnnotation(SCHEMA);
            AnnotationValue name = schema == null ? null : schema.value("name");
            byName.put(name != null ? name.asString() : type.simpleName(), type);
        }
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            ClassInfo type = byName.get(entry.getKey());
            if (type == null) {
                // A generic record (CursorPage<T>) is named after its type arguments: match it by its properties.
                type = byName.values().stream()
                        .filter(t -> !t.typeParameters().isEmpty() && entry.getKey().startsWith(t.simpleName()))
                        .filter(t -> entry.getValue().getProperties() != null
                                && entry.getValue().getProperties().keySet().equals(Set.copyOf(componentNames(t))))
                        .findFirst().orElse(null);
            }
            if (type == null) {
                continue;
            }
            List<String> required = new ArrayList<>();
            for (RecordComponentInfo component : type.recordComponents()) {
                FieldInfo field = type.field(component.name());
                boolean optional = component.hasAnnotation(MAY_BE_ABSENT) || field != null && field.hasAnnotation(MAY_BE_ABSENT);
                if (!optional) {
                    required.add(jsonName(component));
                }
            }
            result.put(entry.getKey(), required);
        }
        return result;
    }

    private static List<String> componentNames(ClassInfo type) {
        return type.recordComponents().stream().map(WireContractFilter::jsonName).toList();
    }

    private static String jsonName(RecordComponentInfo component) {
        AnnotationInstance property = component.annotation(JSON_PROPERTY);
        return property != null && property.value() != null && !property.value().asString().isEmpty()
                ? property.value().asString() : component.name();
    }

    /** What is always sent is never null on the wire: {@code type: [x, "null"]} becomes {@code x}. */
    private static void dropNullFromTypes(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            List<Schema.SchemaType> types = property.getType();
            if (types != null && types.size() > 1 && types.contains(Schema.SchemaType.NULL)) {
                List<Schema.SchemaType> rest = new ArrayList<>(types);
                rest.remove(Schema.SchemaType.NULL);
                property.setType(rest);
            }
            if (property.getAnyOf() != null && property.getAnyOf().size() == 2
                    && property.getAnyOf().stream().anyMatch(s -> s.getType() != null && s.getType().equals(List.of(Schema.SchemaType.NULL)))) {
                Schema other = property.getAnyOf().stream().filter(s -> s.getRef() != null).findFirst().orElse(null);
                if (other != null) {
                    property.setAnyOf(null);
                    property.setType(null);
                    property.setRef(other.getRef());
                }
            }
        }
    }

    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> seen) {
        if (schema == null) {
            return;
        }
        Set<String> refs = new LinkedHashSet<>();
        directRefs(schema, refs);
        for (String name : refs) {
            if (seen.add(name) && schemas.containsKey(name)) {
                reach(schemas.get(name), schemas, seen);
            }
        }
    }

    /** The component names a schema refers to, without following the references. */
    private static void directRefs(Schema schema, Set<String> refs) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS)) {
            refs.add(schema.getRef().substring(SCHEMAS.length()));
        }
        for (Schema child : children(schema)) {
            directRefs(child, refs);
        }
    }

    private static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            children.add(schema.getAdditionalPropertiesSchema());
        }
        for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (list != null) {
                children.addAll(list);
            }
        }
        return children;
    }

    private static void retarget(Schema schema, Set<String> split) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMAS) && split.contains(schema.getRef().substring(SCHEMAS.length()))) {
            schema.setRef(schema.getRef() + INPUT_SUFFIX);
        }
        children(schema).forEach(child -> retarget(child, split));
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Schema schema) {
            Schema copy = OASFactory.createSchema();
            Map<String, Object> all = new LinkedHashMap<>();
            schema.getAll().forEach((k, v) -> all.put(k, deepCopy(v)));
            copy.setAll(all);
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(WireContractFilter::deepCopy).toList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        return value;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    // ---------------------------------------------------------------- problem codes

    private static void closeProblemCodes(Map<String, Schema> schemas) {
        Schema problem = schemas.get("Problem");
        if (problem != null && problem.getProperties() != null && problem.getProperties().get("code") != null) {
            Schema code = problem.getProperties().get("code");
            code.setEnumeration(java.util.Arrays.stream(ProblemCode.values()).map(c -> (Object) c.name()).toList());
            code.setDescription("Stable machine-readable code; each operation's error answers list the codes it can give");
        }
    }

    /** Problem codes named on resource methods, by operation id. */
    private Map<String, List<ProblemCode>> annotatedProblemCodes() {
        Map<String, List<ProblemCode>> result = new LinkedHashMap<>();
        for (AnnotationInstance codes : index.getAnnotations(PROBLEM_CODES)) {
            if (codes.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            var method = codes.target().asMethod();
            AnnotationInstance operation = method.annotation(OPERATION);
            String id = operation != null && operation.value("operationId") != null
                    ? operation.value("operationId").asString() : method.name();
            List<ProblemCode> list = new ArrayList<>();
            for (String name : codes.value().asEnumArray()) {
                list.add(ProblemCode.valueOf(name));
            }
            result.put(id, list);
        }
        return result;
    }

    private static void declareProblems(String path, PathItem.HttpMethod method, Operation operation, List<ProblemCode> named,
                                        Set<ProblemCode> used, List<String> mismatches) {
        Set<ProblemCode> codes = new LinkedHashSet<>();
        boolean secured = operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
        if (secured) {
            codes.add(ProblemCode.UNAUTHENTICATED);
            codes.add(ProblemCode.FORBIDDEN);
            // an account whose password someone else set may call nothing but what it needs to set its own
            codes.add(ProblemCode.PASSWORD_CHANGE_REQUIRED);
        }
        if (operation.getRequestBody() != null) {
            codes.add(ProblemCode.UNSUPPORTED_MEDIA_TYPE);
            codes.add(ProblemCode.PAYLOAD_TOO_LARGE);
            Content content = operation.getRequestBody().getContent();
            if (content != null && content.getMediaTypes().keySet().stream().anyMatch(t -> t.contains("json"))) {
                codes.add(ProblemCode.MALFORMED_JSON);
                codes.add(ProblemCode.VALIDATION_FAILED);
            }
        }
        for (Parameter parameter : listOrEmpty(operation.getParameters())) {
            Schema schema = parameter.getSchema();
            if (parameter.getIn() == Parameter.In.HEADER) {
                if ("Idempotency-Key".equalsIgnoreCase(parameter.getName())) {
                    codes.add(ProblemCode.VALIDATION_FAILED);
                    codes.add(ProblemCode.IDEMPOTENCY_IN_FLIGHT);
                    codes.add(ProblemCode.IDEMPOTENCY_KEY_UNREADABLE);
                    codes.add(ProblemCode.IDEMPOTENCY_KEY_REUSED);
                } else if ("If-Match".equalsIgnoreCase(parameter.getName())) {
                    codes.add(ProblemCode.STALE_VERSION);
                    if (Boolean.TRUE.equals(parameter.getRequired())) {
                        codes.add(ProblemCode.IF_MATCH_REQUIRED);
                    }
                }
                continue;
            }
            if (schema == null) {
                continue;
            }
            Schema value = schema.getItems() != null ? schema.getItems() : schema;
            boolean typed = value.getRef() != null || value.getEnumeration() != null || value.getFormat() != null
                    || value.getType() != null && !value.getType().contains(Schema.SchemaType.STRING);
            if (typed) {
                codes.add(ProblemCode.INVALID_PARAMETER);
            }
            if (schema.getMinimum() != null || schema.getMaximum() != null || schema.getPattern() != null
                    || schema.getMaxLength() != null || schema.getMinLength() != null) {
                codes.add(ProblemCode.VALIDATION_FAILED);
            }
        }
        codes.addAll(named);
        codes.add(ProblemCode.NOT_ACCEPTABLE);
        // any query or path may carry text the service refuses (a NUL, a lone surrogate), whatever the operation
        codes.add(ProblemCode.INVALID_PARAMETER);
        // the HTTP layer refuses an over-long path and query or over-large headers for every operation
        codes.add(ProblemCode.URI_TOO_LONG);
        codes.add(ProblemCode.HEADERS_TOO_LARGE);
        codes.add(ProblemCode.INTERNAL_ERROR);
        // while the embedded database is restarting, every operation answers 503 at once
        codes.add(ProblemCode.SERVICE_UNAVAILABLE);

        Map<Integer, List<ProblemCode>> byStatus = new TreeMap<>();
        codes.forEach(c -> byStatus.computeIfAbsent(c.status(), s -> new ArrayList<>()).add(c));
        var responses = operation.getResponses();
        for (Map.Entry<String, APIResponse> response : new LinkedHashMap<>(responses.getAPIResponses()).entrySet()) {
            String status = response.getKey();
            if ((status.startsWith("4") || status.startsWith("5")) && !byStatus.containsKey(Integer.parseInt(status))) {
                mismatches.add(method + " " + path + " (" + operation.getOperationId() + "): " + status
                        + " is declared but no problem code of that status is; name its codes with @ProblemCodes");
            }
        }
        byStatus.forEach((status, list) -> {
            APIResponse response = responses.getAPIResponse(String.valueOf(status));
            if (response == null) {
                response = OASFactory.createAPIResponse();
                responses.addAPIResponse(String.valueOf(status), response);
            }
            String lead = response.getDescription() == null || response.getDescription().isBlank()
                    ? list.get(0).meaning() : response.getDescription();
            StringBuilder description = new StringBuilder(lead.strip());
            description.append("\n\nProblem codes:");
            list.forEach(c -> description.append("\n- `").append(c.name()).append("`: ").append(c.meaning()));
            response.setDescription(description.toString());
            MediaType mediaType = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + "Problem"));
            for (ProblemCode code : list) {
                mediaType.addExample(code.name(), OASFactory.createExample().ref(code.name()));
                used.add(code);
            }
            response.setContent(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE, mediaType));
        });
    }

    static Map<String, Object> exampleOf(ProblemCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.type());
        body.put("title", title(code.status()));
        body.put("status", code.status());
        body.put("detail", EXAMPLE_DETAILS.getOrDefault(code, code.meaning().replace("`", "")));
        body.put("instance", "/api/v1/requests/1001");
        body.put("code", code.name());
        body.put("requestId", "5f2c9a1e7b3d4c10");
        if (code == ProblemCode.VALIDATION_FAILED || code == ProblemCode.INVALID_PARAMETER) {
            body.put("violations", List.of(Map.of("field", code == ProblemCode.INVALID_PARAMETER ? "limit" : "citizen.nik",
                    "message", code == ProblemCode.INVALID_PARAMETER ? "must be a number" : "must be 16 digits")));
        }
        if (code == ProblemCode.INVALID_TRANSITION) {
            body.put("currentStatus", "COMPLETED");
            body.put("allowed", List.of());
        }
        return body;
    }

    private static final Map<ProblemCode, String> EXAMPLE_DETAILS = Map.of(
            ProblemCode.VALIDATION_FAILED, "citizen.nik: must be 16 digits",
            ProblemCode.INVALID_PARAMETER, "limit: must be a number",
            ProblemCode.NOT_FOUND, "request 1001 was not found",
            ProblemCode.INVALID_TRANSITION, "cannot accept a request that is COMPLETED",
            ProblemCode.STALE_VERSION, "it changed since version 3 (now 4); read it again",
            ProblemCode.RATE_LIMITED, "too many requests from this address; retry after 20 s",
            ProblemCode.INTERNAL_ERROR, "the service failed to answer; quote request id 5f2c9a1e7b3d4c10 when reporting it");

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 416 -> "Range not satisfiable";
            case 422 -> "Unprocessable content";
            case 428 -> "Precondition required";
            case 414 -> "URI too long";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 503 -> "Service unavailable";
            default -> "Internal error";
        };
    }

    // ---------------------------------------------------------------- headers

    private static void declareHeaderComponents(OpenAPI openAPI) {
        openAPI.getComponents().addHeader("RequestId", OASFactory.createHeader()
                .description("The request's id: the client's own when it sent a sane one (1 to 100 of A-Z a-z 0-9 . _ : -), "
                        + "else a new one. Logged with the request and quoted in problem bodies.")
                .required(true)
                .schema(stringSchema().pattern("^[A-Za-z0-9._:-]{1,100}$"))
                .example("5f2c9a1e7b3d4c10"));
        openAPI.getComponents().addHeader("WwwAuthenticate", OASFactory.createHeader()
                .description("The scheme to authenticate with")
                .schema(stringSchema())
                .example("Bearer realm=\"layanan-desa\""));
        openAPI.getComponents().addHeader("RetryAfter", OASFactory.createHeader()
                .description("Seconds to wait before trying again")
                .required(true)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO))
                .example(20));
        openAPI.getComponents().addHeader("IdempotentReplayed", OASFactory.createHeader()
                .description("Present (true) when this is the stored answer of an earlier call with the same Idempotency-Key")
                .schema(stringSchema().enumeration(List.of("true")))
                .example("true"));
    }

    private static void declareHeaders(Operation operation) {
        boolean idempotent = listOrEmpty(operation.getParameters()).stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "Idempotency-Key".equalsIgnoreCase(p.getName()));
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, header) -> {
                    if (header.getSchema() == null && header.getRef() == null && header.getContent() == null) {
                        header.setSchema(stringSchema());
                    }
                    // Where a resource declares them, it always sends them, replays of an Idempotency-Key included.
                    if (name.equals("Location") || name.equals("ETag")) {
                        header.setRequired(true);
                    }
                });
            }
            response.addHeader(REQUEST_ID, OASFactory.createHeader().ref("RequestId"));
            if (status.equals("401")) {
                response.addHeader("WWW-Authenticate", OASFactory.createHeader().ref("WwwAuthenticate"));
            }
            if (status.equals("429")) {
                response.addHeader("Retry-After", OASFactory.createHeader().ref("RetryAfter"));
            }
            if (idempotent && status.startsWith("2")) {
                response.addHeader("Idempotent-Replayed", OASFactory.createHeader().ref("IdempotentReplayed"));
            }
        });
    }

    private static Schema stringSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
