package id.go.layanandesa.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads enum, instant and date parameters so that a bad value is a 400 saying what was expected,
 * instead of the 404 that JAX-RS gives for a query parameter it cannot convert.
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    /** A query, path or header parameter that cannot be read. */
    public static class InvalidParameterException extends BadRequestException {
        private final String parameter;

        public InvalidParameterException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        /** The parameter's name, or null when it is not known. */
        public String parameter() {
            return parameter;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (rawType.isEnum()) {
            return (ParamConverter<T>) new EnumConverter(rawType, name);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) new Parsing<>(name, Instant::parse, "an instant like 2026-11-30T00:00:00Z");
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Parsing<>(name, LocalDate::parse, "a date like 2026-11-30");
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new Parsing<>(name, Long::valueOf, "a whole number");
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Parsing<>(name, Integer::valueOf, "a whole number");
        }
        return null;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof jakarta.ws.rs.QueryParam q) {
                return q.value();
            }
            if (a instanceof jakarta.ws.rs.PathParam p) {
                return p.value();
            }
            if (a instanceof jakarta.ws.rs.HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    private record Parsing<V>(String name, java.util.function.Function<String, V> parse, String expected)
            implements ParamConverter<V> {
        @Override
        public V fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (RuntimeException e) {
                throw new InvalidParameterException(name, "'" + value + "' is not " + expected);
            }
        }

        @Override
        public String toString(V value) {
            return value.toString();
        }
    }

    private record EnumConverter<E extends Enum<E>>(Class<E> type, String name) implements ParamConverter<E> {
        @Override
        public E fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(name, "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }

        @Override
        public String toString(E value) {
            return value.name();
        }
    }
}
