package id.go.layanandesa.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every JSON body obeys {@link InputRules}, whatever record it is read into: each string (also map keys and
 * strings inside free-form answers), each number and each date is checked as it is read, so a bad value is a
 * 400 naming its field instead of a 500 from the database. Trailing content after the body is refused, and a
 * fraction is never silently cut to fit a whole-number field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** A value that breaks {@link InputRules}; its message says what is wrong, its path which field. */
    public static class InvalidValue extends JsonMappingException {
        public InvalidValue(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    /** After Quarkus's own customizers, which register the java.time module this one overrides for dates. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // a value is read only from its own JSON type: 1 or "true" is not true (which may purge or share personal data),
        // "7" is not a number and 7 is not a text
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float)) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("layanan-strict-input");
        module.addDeserializer(String.class, new Checked<>(String.class, StringDeserializer.instance, InputRules::textProblem));
        module.addKeyDeserializer(String.class, new CheckedKey());
        module.addDeserializer(Object.class, new CheckedUntyped());
        module.addDeserializer(BigDecimal.class,
                new Checked<>(BigDecimal.class, NumberDeserializers.BigDecimalDeserializer.instance, InputRules::numberProblem));
        module.addDeserializer(LocalDate.class, new Checked<>(LocalDate.class, LocalDateDeserializer.INSTANCE, InputRules::dateProblem));
        mapper.registerModule(module);
    }

    static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = InputRules.textProblem(key);
            if (problem != null) {
                throw new InvalidValue(ctxt.getParser(), "a field name " + problem);
            }
            return key;
        }
    }

    /** A value read as Jackson reads it, then held to an input rule: the rule's problem refuses it, naming its position. */
    static final class Checked<T> extends StdScalarDeserializer<T> {
        private final transient JsonDeserializer<T> read;
        private final transient Function<T, String> rule;

        Checked(Class<T> type, JsonDeserializer<T> read, Function<T, String> rule) {
            super(type);
            this.read = read;
            this.rule = rule;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = read.deserialize(p, ctxt);
            String problem = rule.apply(value);
            if (problem != null) {
                throw new InvalidValue(p, problem);
            }
            return value;
        }
    }

    /**
     * Free-form values (a filing's answers): read as maps, lists, strings, numbers and booleans as Jackson
     * would, with every string and number inside checked and its position named on failure.
     */
    static final class CheckedUntyped extends StdDeserializer<Object> {
        CheckedUntyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            JsonNode tree = ctxt.readTree(p);
            return convert(p, tree);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return null;
        }

        private static Object convert(JsonParser p, JsonNode node) throws IOException {
            switch (node.getNodeType()) {
                case OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        try {
                            String problem = InputRules.textProblem(field.getKey());
                            if (problem != null) {
                                throw new InvalidValue(p, "a field name " + problem);
                            }
                            map.put(field.getKey(), convert(p, field.getValue()));
                        } catch (JsonMappingException e) {
                            throw JsonMappingException.wrapWithPath(e, map, field.getKey());
                        }
                    }
                    return map;
                }
                case ARRAY -> {
                    List<Object> list = new ArrayList<>(node.size());
                    for (int i = 0; i < node.size(); i++) {
                        try {
                            list.add(convert(p, node.get(i)));
                        } catch (JsonMappingException e) {
                            throw JsonMappingException.wrapWithPath(e, list, i);
                        }
                    }
                    return list;
                }
                case STRING -> {
                    return checkText(p, node.textValue());
                }
                case NUMBER -> {
                    return number(p, node);
                }
                case BOOLEAN -> {
                    return node.booleanValue();
                }
                case NULL, MISSING -> {
                    return null;
                }
                default -> throw new InvalidValue(p, "is not a JSON value");
            }
        }

        private static Object number(JsonParser p, JsonNode node) throws IOException {
            if (node.isInt()) {
                return node.intValue();
            }
            if (node.isLong()) {
                return node.longValue();
            }
            if (node.isBigInteger()) {
                BigInteger big = node.bigIntegerValue();
                String problem = InputRules.numberProblem(new BigDecimal(big));
                if (problem != null) {
                    throw new InvalidValue(p, problem);
                }
                return big;
            }
            if (node.isBigDecimal()) {
                String problem = InputRules.numberProblem(node.decimalValue());
                if (problem != null) {
                    throw new InvalidValue(p, problem);
                }
                return node.decimalValue();
            }
            double value = node.doubleValue();
            String problem = InputRules.numberProblem(value);
            if (problem != null) {
                throw new InvalidValue(p, problem);
            }
            return value;
        }
    }

    private static String checkText(JsonParser p, String value) throws InvalidValue {
        String problem = InputRules.textProblem(value);
        if (problem != null) {
            throw new InvalidValue(p, problem);
        }
        return value;
    }
}
