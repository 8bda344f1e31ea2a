package id.go.layanandesa.common.idempotency;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What of a call's arguments goes into its fingerprint. Every argument type of an idempotent method must be
 * known here: values and records as their JSON, files by the SHA-256 of their content (so a retry with another
 * file under the same key is refused), and the framework's context objects not at all. An argument of any
 * other type is refused when the service starts (see {@link IdempotentOperations}), never silently left out.
 */
public final class Fingerprints {

    /** Injected context, not data of the call. */
    private static final Set<Class<?>> CONTEXT = Set.of(UriInfo.class, HttpHeaders.class, Request.class, SecurityContext.class,
            ContainerRequestContext.class, HttpServerRequest.class, HttpServerResponse.class, RoutingContext.class);

    private Fingerprints() {
    }

    /** Whether arguments of this declared type can be fingerprinted (or are context that needs none). */
    public static boolean supports(Class<?> type) {
        return isContext(type) || isValue(type) || isFile(type);
    }

    static boolean isContext(Class<?> type) {
        return CONTEXT.stream().anyMatch(c -> c.isAssignableFrom(type));
    }

    private static boolean isValue(Class<?> type) {
        return type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class
                || type == Character.class || type.isEnum() || type == UUID.class || TemporalAccessor.class.isAssignableFrom(type)
                || type.isRecord() || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type);
    }

    private static boolean isFile(Class<?> type) {
        return type == byte[].class || Path.class.isAssignableFrom(type) || type == File.class || FileUpload.class.isAssignableFrom(type);
    }

    /** The argument as it enters the fingerprint; null for context. */
    static Object canonical(Object arg) {
        if (arg == null) {
            return null;
        }
        Class<?> type = arg.getClass();
        if (isContext(type)) {
            return null;
        }
        if (arg instanceof byte[] bytes) {
            return "sha256:" + sha256(new java.io.ByteArrayInputStream(bytes));
        }
        if (arg instanceof Path path) {
            return "sha256:" + sha256(path);
        }
        if (arg instanceof File file) {
            return "sha256:" + sha256(file.toPath());
        }
        if (arg instanceof FileUpload upload) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", upload.fileName());
            file.put("contentType", upload.contentType());
            file.put("sha256", upload.uploadedFile() == null ? null : sha256(upload.uploadedFile()));
            return file;
        }
        if (!isValue(type)) {
            throw new IllegalStateException("an argument of type " + type.getName() + " cannot be fingerprinted");
        }
        return arg;
    }

    private static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
