package id.go.layanandesa.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import id.go.layanandesa.common.ParamConverters;
import id.go.layanandesa.common.RequestIds;
import id.go.layanandesa.common.StrictJson;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Turns every failure into an RFC 9457 problem+json response, with no class names, traces or SQL. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Problem body = new Problem(Problem.typeFor(e.code()), e.title(), e.status(), e.getMessage(), request.path(), e.code(),
                RequestIds.of(request), e.violations(), e.currentStatus(), e.allowed());
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problems.MEDIA_TYPE).entity(body);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .collect(Collectors.toList());
        return problem(ProblemException.invalid(violations), request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        boolean truncated = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !truncated) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (e instanceof StrictJson.InvalidValue) {
                message = e.getOriginalMessage();
            } else if (e.getCause() instanceof InputCoercionException coercion) {
                message = "must be " + describe(coercion.getTargetType()) + " in range";
            } else if (e instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (e instanceof InvalidFormatException invalid) {
                message = "cannot be read as " + describe(invalid.getTargetType());
            } else if (e instanceof MismatchedInputException mismatched) {
                message = "must be " + describe(mismatched.getTargetType());
            } else {
                message = "has an invalid value";
            }
            return problem(ProblemException.invalid(field, message), request);
        }
        return problem(new ProblemException(400, "MALFORMED_JSON", "Malformed JSON",
                "the request body is not valid JSON" + location(e)), request);
    }

    /** More specific than the JSON mapper above so that Quarkus's own dev/test-mode mapper of this type does not answer instead. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    @ServerExceptionMapper
    public Response invalidParameter(ParamConverters.InvalidParameterException e, HttpServerRequest request, UriInfo uri) {
        String parameter = e.parameter() != null ? e.parameter() : parameterWithValue(uri, e.value());
        List<Problem.Violation> violations = parameter == null ? null : List.of(new Problem.Violation(parameter, e.getMessage()));
        return problem(new ProblemException(400, "INVALID_PARAMETER", "Invalid parameter",
                (parameter == null ? "" : parameter + ": ") + e.getMessage(), violations, null, null, null), request);
    }

    /** A parameter declared without its name is found by the value that could not be read. */
    private static String parameterWithValue(UriInfo uri, String value) {
        if (value == null || uri == null) {
            return null;
        }
        for (var parameters : List.of(uri.getPathParameters(true), uri.getQueryParameters(true))) {
            for (var entry : parameters.entrySet()) {
                if (entry.getValue().contains(value)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return problem(new ProblemException(404, "NOT_FOUND", "Not found", "no resource at " + request.path()), request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        String allow = String.join(", ", e.getResponse().getAllowedMethods());
        Response response = problem(new ProblemException(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                request.method() + " is not allowed on " + request.path() + (allow.isEmpty() ? "" : "; allowed: " + allow)), request);
        return allow.isEmpty() ? response : Response.fromResponse(response).header("Allow", allow).build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpServerRequest request) {
        return problem(new ProblemException(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                "this operation does not accept " + request.getHeader("Content-Type")), request);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return problem(new ProblemException(406, "NOT_ACCEPTABLE", "Not acceptable",
                "this operation cannot answer in " + request.getHeader("Accept")), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> "BAD_REQUEST";
        };
        Response.StatusType info = e.getResponse().getStatusInfo();
        return problem(new ProblemException(status, code, info.getReasonPhrase(), info.getReasonPhrase().toLowerCase()), request);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        Response response = problem(new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated",
                "send a valid access token or API key in the Authorization header"), request);
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer realm=\"layanan-desa\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(ProblemException.forbidden("your role may not do this"), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        String requestId = RequestIds.of(request);
        if (e instanceof java.io.IOException && request.response().ended()) {
            // the HTTP layer answered already: it refused a body without a declared length that passed its limit
            LOG.debugf("body of %s %s refused while it was read (request id %s)", request.method(), request.path(), requestId);
            return Response.status(413).build();
        }
        LOG.errorf("unexpected failure of %s %s (request id %s): %s", request.method(), request.path(), requestId,
                SafeTraces.describe(e));
        return problem(new ProblemException(500, "INTERNAL_ERROR", "Internal error",
                "the service failed to answer; quote request id " + requestId + " when reporting it"), request);
    }

    /** The path of a violated constraint as violations name it: {@code citizen.nik}, {@code opds[2].code}. */
    public static String fieldOf(ConstraintViolation<?> violation) {
        // A resource-method path is method, parameter, then the bean's own path; a bare parameter names itself.
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.BEAN) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                if (i == nodes.size() - 1) {
                    field.append(node.getName());
                }
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (kind == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        String result = field.toString();
        return result.startsWith(".") ? result.substring(1) : result.isEmpty() ? "body" : result;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == BigInteger.class
                || type == int.class || type == long.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder s = new StringBuilder("one of ");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ", ").append(values[i]);
            }
            return s.toString();
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.getName().startsWith("java.time")) {
            return "a date or time in ISO 8601 form";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
