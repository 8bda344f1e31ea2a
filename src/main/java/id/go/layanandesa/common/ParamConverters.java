package id.go.layanandesa.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads whole-number, boolean, enum, instant and date parameters (query, path and header; boxed or primitive) so
 * that a bad value is a 400 naming the parameter and saying what was expected, instead of the 404 that JAX-RS gives
 * for a query parameter it cannot convert, or the {@code false} it makes of any word that is not "true".
 */
@Provider
public class ParamConverters implements ParamConverterProvider {

    /** A query, path or header parameter that cannot be read. */
    public static class InvalidParameterException extends BadRequestException {
        private final String parameter;
        private final String value;

        public InvalidParameterException(String parameter, String message) {
            this(parameter, null, message);
        }

        public InvalidParameterException(String parameter, String value, String message) {
            super(message);
            this.parameter = parameter;
            this.value = value;
        }

        /** The parameter's name, or null when it is not known. */
        public String parameter() {
            return parameter;
        }

        /** The value that could not be read, when known: finds the parameter when only the value is known. */
        public String value() {
            return value;
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
            return (ParamConverter<T>) new Parsing<>(name, Instant::parse, InputRules::instantProblem, "an instant like 2026-11-30T00:00:00Z", false);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new Parsing<>(name, LocalDate::parse, InputRules::dateProblem, "a date like 2026-11-30", false);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Parsing<>(name, v -> wholeNumber(v, Long.MIN_VALUE, Long.MAX_VALUE).longValue(), v -> null,
                    "a whole number", rawType.isPrimitive());
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Parsing<>(name, v -> wholeNumber(v, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue(), v -> null,
                    "a whole number", rawType.isPrimitive());
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Parsing<>(name, ParamConverters::bool, v -> null, "true or false", rawType.isPrimitive());
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
            if (a instanceof RestPath p && !p.value().isEmpty()) {
                return p.value();
            }
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
        }
        return null;
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,30}");

    /** Digits only (no exponent, no fraction), within the bounds of the parameter's type. */
    private static BigInteger wholeNumber(String value, long min, long max) {
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException();
        }
        BigInteger number = new BigInteger(value);
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new OutOfRange(min, max);
        }
        return number;
    }

    private static Boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException();
    }

    private static final class OutOfRange extends IllegalArgumentException {
        OutOfRange(long min, long max) {
            super("a whole number from " + min + " to " + max);
        }
    }

    /** A blank value means "not given" for an object type; a primitive has no such value, so blank is an error. */
    private record Parsing<V>(String name, Function<String, V> parse, Function<V, String> check, String expected, boolean primitive)
            implements ParamConverter<V> {
        @Override
        public V fromString(String value) {
            if (value == null || value.isBlank() && !primitive) {
                return null;
            }
            V parsed;
            try {
                parsed = parse.apply(value.strip());
            } catch (OutOfRange e) {
                throw new InvalidParameterException(name, value, "'" + value + "' is not " + e.getMessage());
            } catch (RuntimeException e) {
                throw new InvalidParameterException(name, value, "'" + value + "' is not " + expected);
            }
            String problem = check.apply(parsed);
            if (problem != null) {
                throw new InvalidParameterException(name, value, "'" + value + "' " + problem);
            }
            return parsed;
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
                throw new InvalidParameterException(name, value, "'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }

        @Override
        public String toString(E value) {
            return value.name();
        }
    }
}
