package id.go.layanandesa.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
        public InvalidParameterException(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType.isEnum()) {
            return (ParamConverter<T>) new EnumConverter(rawType);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) new ParamConverter<Instant>() {
                @Override
                public Instant fromString(String value) {
                    try {
                        return value == null || value.isBlank() ? null : Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new InvalidParameterException("'" + value + "' is not an instant like 2026-11-30T00:00:00Z");
                    }
                }

                @Override
                public String toString(Instant value) {
                    return value.toString();
                }
            };
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) new ParamConverter<LocalDate>() {
                @Override
                public LocalDate fromString(String value) {
                    try {
                        return value == null || value.isBlank() ? null : LocalDate.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new InvalidParameterException("'" + value + "' is not a date like 2026-11-30");
                    }
                }

                @Override
                public String toString(LocalDate value) {
                    return value.toString();
                }
            };
        }
        return null;
    }

    private record EnumConverter<E extends Enum<E>>(Class<E> type) implements ParamConverter<E> {
        @Override
        public E fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("'" + value + "' is not one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }

        @Override
        public String toString(E value) {
            return value.name();
        }
    }
}
