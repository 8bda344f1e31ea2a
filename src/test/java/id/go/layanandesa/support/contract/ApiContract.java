package id.go.layanandesa.support.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Checks HTTP exchanges against the served OpenAPI 3.1 spec, as a strict client or proxy would: the operation
 * exists, parameters and bodies obey their schemas (JSON Schema 2020-12 with the OpenAPI 3.1 dialect, format
 * assertions on), the status is declared, every header sent is declared and every required one is sent, and a
 * problem's {@code code} is one the operation declares for that status.
 * <p>
 * In this in-memory copy, every object schema with properties that says nothing about other properties is
 * closed ({@code additionalProperties: false}): a field the service sends but the spec does not declare fails.
 * The served spec stays open, so that clients accept fields added later.
 */
public final class ApiContract {

    /**
     * Response headers that HTTP itself or the server adds, and the browser-security headers every answer carries;
     * every other header the service sends must be declared.
     */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "transfer-encoding", "date",
            "connection", "keep-alive", "cache-control", "pragma", "expires", "vary", "server", "content-encoding",
            "x-content-type-options", "x-frame-options", "content-security-policy", "referrer-policy");
    private static final String DOCUMENT = "urn:layanan-desa:openapi";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode spec;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger fragments = new AtomicInteger();

    public ApiContract(String specJson) {
        try {
            this.spec = JSON.readTree(specJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("the spec is not JSON", e);
        }
        JsonNode closed = spec.deepCopy();
        close(closed);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(DOCUMENT, closed.toString()))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        spec.path("paths").fieldNames().forEachRemaining(template -> paths.add(new PathTemplate(template)));
        // Literal segments win over templated ones: /regions/search before /regions/{code}.
        paths.sort(Comparator.comparingInt(PathTemplate::variables));
    }

    public JsonNode spec() {
        return spec;
    }

    /** An exchange as seen on the wire. Header names are matched without case. */
    public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> requestHeaders,
                           String requestContentType, String requestBody,
                           int status, Map<String, List<String>> responseHeaders, String responseContentType, String responseBody) {
    }

    /** What breaks the contract in the request; empty when nothing does. */
    public List<String> checkRequest(Exchange x) {
        List<String> broken = new ArrayList<>();
        if (!x.path().startsWith("/api/")) {
            return broken;
        }
        Match match = match(x.method(), x.path());
        if (match == null || match.operation() == null) {
            broken.add("no operation " + x.method() + " " + x.path() + " in the spec");
            return broken;
        }
        JsonNode operation = match.operation();
        Set<String> declaredQuery = new LinkedHashSet<>();
        for (JsonNode parameter : parameters(match)) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            boolean required = parameter.path("required").asBoolean(false);
            JsonNode schema = parameter.path("schema");
            List<String> values = switch (in) {
                case "query" -> {
                    declaredQuery.add(name);
                    yield x.query().getOrDefault(name, List.of());
                }
                case "header" -> {
                    String value = header(x.requestHeaders(), name);
                    yield value == null ? List.of() : List.of(value);
                }
                case "path" -> {
                    String value = match.template().variable(x.path(), name);
                    yield value == null ? List.of() : List.of(value);
                }
                default -> List.of();
            };
            if (values.isEmpty()) {
                if (required) {
                    broken.add("required " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            JsonNode value = coerce(values, schema);
            for (String error : validate(schema, value.toString())) {
                broken.add(in + " parameter " + name + "=" + values + ": " + error);
            }
        }
        for (String name : x.query().keySet()) {
            if (!declaredQuery.contains(name)) {
                broken.add("query parameter " + name + " is not declared");
            }
        }
        JsonNode requestBody = operation.path("requestBody");
        boolean sent = x.requestBody() != null && !x.requestBody().isEmpty();
        if (requestBody.isMissingNode()) {
            if (sent) {
                broken.add("a body was sent but the operation takes none");
            }
        } else if (!sent) {
            if (requestBody.path("required").asBoolean(false)) {
                broken.add("the required body is missing");
            }
        } else {
            String type = mediaType(x.requestContentType());
            JsonNode media = requestBody.path("content").path(type);
            if (media.isMissingNode()) {
                broken.add("the body's Content-Type " + type + " is not one the operation takes: " + names(requestBody.path("content")));
            } else if (type.endsWith("json") && media.has("schema")) {
                for (String error : validate(media.get("schema"), x.requestBody())) {
                    broken.add("request body: " + error);
                }
            }
        }
        return broken;
    }

    /** What breaks the contract in the response; empty when nothing does. */
    public List<String> checkResponse(Exchange x) {
        List<String> broken = new ArrayList<>();
        if (!x.path().startsWith("/api/")) {
            return broken;
        }
        if ("OPTIONS".equals(x.method())) {
            return broken; // HTTP's own method, not an operation of the API
        }
        Match match = match(x.method(), x.path());
        if (match == null || match.operation() == null) {
            // No operation: the service answers 404 (no such path) or 405 (no such method) as problems.
            int expected = match == null ? 404 : 405;
            String code = match == null ? "NOT_FOUND" : "METHOD_NOT_ALLOWED";
            if (x.status() != expected) {
                broken.add("answered " + x.status() + " to " + x.method() + " " + x.path() + ", which the spec does not have (expected "
                        + expected + ")");
            } else {
                checkProblem(x, code, broken);
            }
            return broken;
        }
        JsonNode responses = match.operation().path("responses");
        String status = String.valueOf(x.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.path("default");
        if (response.isMissingNode()) {
            broken.add("status " + status + " is not declared; declared: " + names(responses));
            return broken;
        }
        response = resolve(response);
        JsonNode headers = response.path("headers");
        Iterator<Map.Entry<String, JsonNode>> declared = headers.fields();
        while (declared.hasNext()) {
            Map.Entry<String, JsonNode> h = declared.next();
            JsonNode header = resolve(h.getValue());
            String value = header(x.responseHeaders(), h.getKey());
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    broken.add(status + ": required header " + h.getKey() + " was not sent");
                }
                continue;
            }
            if (header.has("schema")) {
                for (String error : validate(header.get("schema"), coerce(List.of(value), header.get("schema")).toString())) {
                    broken.add(status + ": header " + h.getKey() + "=" + value + ": " + error);
                }
            }
        }
        for (String name : x.responseHeaders().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TRANSPORT_HEADERS.contains(lower) && !lower.startsWith("access-control-") && !hasField(headers, name)) {
                broken.add(status + ": header " + name + " is sent but not declared");
            }
        }
        JsonNode content = response.path("content");
        boolean body = x.responseBody() != null && !x.responseBody().isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            if (body) {
                broken.add(status + ": a body was sent but none is declared");
            }
            return broken;
        }
        String type = mediaType(x.responseContentType());
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            broken.add(status + ": Content-Type " + type + " is not declared: " + names(content));
            return broken;
        }
        if (!body) {
            broken.add(status + ": the declared body was not sent");
            return broken;
        }
        if (media.has("schema") && !type.endsWith("json")) {
            // a body that is no JSON (a CSV table) is declared as a string: it is checked for being there, above
            if (!"string".equals(media.path("schema").path("type").asText())) {
                broken.add(status + ": " + type + " is declared with a schema that is not a string");
            }
        } else if (media.has("schema")) {
            for (String error : validate(media.get("schema"), x.responseBody())) {
                broken.add(status + " body: " + error);
            }
        }
        if (type.equals("application/problem+json")) {
            Set<String> codes = new LinkedHashSet<>();
            media.path("examples").fields().forEachRemaining(e -> codes.add(resolve(e.getValue()).path("value").path("code").asText()));
            String code = codeOf(x.responseBody());
            if (!codes.contains(code)) {
                broken.add(status + ": problem code " + code + " is not one the operation declares for " + status + ": " + codes);
            }
        }
        return broken;
    }

    private void checkProblem(Exchange x, String code, List<String> broken) {
        if (!"application/problem+json".equals(mediaType(x.responseContentType()))) {
            broken.add(x.status() + " is not a problem document but " + x.responseContentType());
            return;
        }
        for (String error : validate(JSON.createObjectNode().put("$ref", "#/components/schemas/Problem"), x.responseBody())) {
            broken.add(x.status() + " body: " + error);
        }
        if (!code.equals(codeOf(x.responseBody()))) {
            broken.add(x.status() + ": problem code " + codeOf(x.responseBody()) + ", expected " + code);
        }
    }

    private static String codeOf(String body) {
        try {
            return JSON.readTree(body).path("code").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** Errors of an instance (JSON text) against a schema of the spec. */
    public List<String> validate(JsonNode schema, String instance) {
        String key = schema.toString();
        Schema compiled = schemas.computeIfAbsent(key, k -> {
            JsonNode absolute = schema.deepCopy();
            absolutize(absolute);
            return registry.getSchema(SchemaLocation.of("urn:layanan-desa:fragment:" + fragments.incrementAndGet()),
                    absolute.toString(), InputFormat.JSON);
        });
        try {
            return compiled.validate(instance, InputFormat.JSON).stream().map(Object::toString).toList();
        } catch (RuntimeException e) {
            return List.of("not JSON: " + instance);
        }
    }

    // ------------------------------------------------------------------ matching

    public record Match(PathTemplate template, JsonNode pathItem, JsonNode operation) {
    }

    /** The operation for a method and path; a match with a null operation when only the path exists; null when neither. */
    public Match match(String method, String path) {
        for (PathTemplate template : paths) {
            if (template.matches(path)) {
                JsonNode item = spec.path("paths").get(template.template());
                JsonNode operation = item.get(method.toLowerCase(Locale.ROOT));
                return new Match(template, item, operation);
            }
        }
        return null;
    }

    private List<JsonNode> parameters(Match match) {
        List<JsonNode> result = new ArrayList<>();
        match.pathItem().path("parameters").forEach(p -> result.add(resolve(p)));
        match.operation().path("parameters").forEach(p -> result.add(resolve(p)));
        return result;
    }

    public static final class PathTemplate {
        private final String template;
        private final Pattern pattern;
        private final List<String> names = new ArrayList<>();

        PathTemplate(String template) {
            this.template = template;
            StringBuilder regex = new StringBuilder("^");
            var m = Pattern.compile("\\{([^}]+)}").matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last))).append("/?$");
            this.pattern = Pattern.compile(regex.toString());
        }

        public String template() {
            return template;
        }

        int variables() {
            return names.size();
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        String variable(String path, String name) {
            var m = pattern.matcher(path);
            int i = names.indexOf(name);
            return m.matches() && i >= 0 ? java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8) : null;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A parameter's text as the JSON value its schema expects (numbers and booleans parsed, arrays collected). */
    private JsonNode coerce(List<String> values, JsonNode schema) {
        JsonNode s = resolve(schema);
        if (types(s).contains("array")) {
            ArrayNode array = JSON.createArrayNode();
            for (String v : values) {
                array.add(scalar(v, resolve(s.path("items"))));
            }
            return array;
        }
        return scalar(values.get(0), s);
    }

    private JsonNode scalar(String value, JsonNode schema) {
        Set<String> types = types(schema);
        try {
            if (types.contains("integer")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value));
            }
            if (types.contains("number")) {
                return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value));
            }
        } catch (NumberFormatException e) {
            return TextNode.valueOf(value);
        }
        if (types.contains("boolean") && (value.equals("true") || value.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(value));
        }
        return TextNode.valueOf(value);
    }

    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    /** Follows a local {@code $ref} (components of any kind). */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref") && current.get("$ref").asText().startsWith("#/"); i++) {
            current = spec.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties") && !object.has("unevaluatedProperties")
                    && !object.has("allOf") && !object.has("anyOf") && !object.has("oneOf")) {
                object.put("additionalProperties", false);
            }
            object.forEach(ApiContract::close);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ApiContract::close);
        }
    }

    private static void absolutize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                object.put("$ref", DOCUMENT + ref.asText());
            }
            object.forEach(ApiContract::absolutize);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ApiContract::absolutize);
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String header(Map<String, ?> headers, String name) {
        for (Map.Entry<String, ?> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                Object v = e.getValue();
                if (v instanceof List<?> list) {
                    return list.isEmpty() ? null : String.valueOf(list.get(0));
                }
                return v == null ? null : v.toString();
            }
        }
        return null;
    }

    private static boolean hasField(JsonNode object, String name) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            if (names.next().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
