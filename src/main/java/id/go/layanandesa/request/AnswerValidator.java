package id.go.layanandesa.request;

import id.go.layanandesa.catalog.DocumentDefinition;
import id.go.layanandesa.catalog.FieldDefinition;
import id.go.layanandesa.common.InputRules;
import id.go.layanandesa.common.error.Problem.Violation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a filer's answers and document declarations against a service's definition. */
public final class AnswerValidator {

    static final int DEFAULT_TEXT_MAX = 500;
    static final int DEFAULT_LONG_TEXT_MAX = 5000;

    private AnswerValidator() {
    }

    /**
     * Validates {@code answers} and returns them normalised (numbers as BigDecimal-compatible values,
     * dates as ISO strings). Violations are added to {@code violations} with paths under {@code prefix}.
     *
     * @param partial when true (supplying information), required fields may be absent
     * @param today     today in the kabupaten's zone, for fields that may not be after it
     */
    public static Map<String, Object> answers(List<FieldDefinition> fields, Map<String, Object> answers, String prefix,
                                              boolean partial, LocalDate today, List<Violation> violations) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                violations.add(new Violation(prefix + "." + key, "is not a field of this service"));
            }
        }
        for (FieldDefinition field : fields) {
            String path = prefix + "." + field.key();
            Object value = given.get(field.key());
            if (isEmpty(value)) {
                if (field.required() && !partial) {
                    violations.add(new Violation(path, "is required"));
                }
                continue;
            }
            String problem = check(field, value, today);
            if (problem != null) {
                violations.add(new Violation(path, problem));
            } else {
                result.put(field.key(), value instanceof String s ? s.strip() : value);
            }
        }
        return result;
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isBlank()) || (value instanceof List<?> l && l.isEmpty());
    }

    private static String check(FieldDefinition field, Object value, LocalDate today) {
        switch (field.type()) {
            case TEXT, LONG_TEXT -> {
                if (!(value instanceof String s)) {
                    return "must be text";
                }
                String invalid = InputRules.textProblem(s);
                if (invalid != null) {
                    return invalid;
                }
                int length = s.strip().length();
                int max = field.maxLength() != null ? field.maxLength()
                        : field.type() == id.go.layanandesa.catalog.FieldType.TEXT ? DEFAULT_TEXT_MAX : DEFAULT_LONG_TEXT_MAX;
                if (field.minLength() != null && length < field.minLength()) {
                    return "must be at least " + field.minLength() + " characters";
                }
                if (length > max) {
                    return "must be at most " + max + " characters";
                }
                return null;
            }
            case NUMBER -> {
                if (!(value instanceof Number n)) {
                    return "must be a number";
                }
                if (n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f)) {
                    return "is too large";
                }
                BigDecimal number = new BigDecimal(n.toString());
                String unreadable = InputRules.numberProblem(number);
                if (unreadable != null) {
                    return unreadable;
                }
                if (field.min() != null && number.compareTo(field.min()) < 0) {
                    return "must be at least " + field.min().toPlainString();
                }
                if (field.max() != null && number.compareTo(field.max()) > 0) {
                    return "must be at most " + field.max().toPlainString();
                }
                return null;
            }
            case DATE -> {
                if (!(value instanceof String s)) {
                    return "must be a date YYYY-MM-DD";
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(s.strip());
                } catch (DateTimeParseException e) {
                    return "must be a date YYYY-MM-DD";
                }
                String outOfRange = InputRules.dateProblem(date);
                if (outOfRange != null) {
                    return outOfRange;
                }
                if (field.notAfterToday() && date.isAfter(today)) {
                    return "must not be after today (" + today + ")";
                }
                if (field.minDate() != null && date.isBefore(LocalDate.parse(field.minDate()))) {
                    return "must be on or after " + field.minDate();
                }
                if (field.maxDate() != null && date.isAfter(LocalDate.parse(field.maxDate()))) {
                    return "must be on or before " + field.maxDate();
                }
                return null;
            }
            case BOOLEAN -> {
                return value instanceof Boolean ? null : "must be true or false";
            }
            case SINGLE_CHOICE -> {
                if (!(value instanceof String s) || field.options() == null || !field.options().contains(s)) {
                    return "must be one of " + String.join(", ", field.options() == null ? List.of() : field.options());
                }
                return null;
            }
            case MULTI_CHOICE -> {
                if (!(value instanceof List<?> list)) {
                    return "must be a list of choices";
                }
                Set<Object> seen = new HashSet<>();
                for (Object item : list) {
                    if (!(item instanceof String s) || field.options() == null || !field.options().contains(s)) {
                        return "every choice must be one of " + String.join(", ", field.options() == null ? List.of() : field.options());
                    }
                    if (!seen.add(s)) {
                        return "must not repeat " + s;
                    }
                }
                if (field.min() != null && list.size() < field.min().intValue()) {
                    return "must have at least " + field.min().intValue() + " choices";
                }
                if (field.max() != null && list.size() > field.max().intValue()) {
                    return "must have at most " + field.max().intValue() + " choices";
                }
                return null;
            }
            default -> {
                return "has an unknown type";
            }
        }
    }

    /**
     * Checks each declared document: a document of the service, declared once. What is returned are the valid
     * declarations; whether they meet the service's requirements is {@link #requirements}'s question. When filing
     * ({@code partial} false) the requirements are checked here too, against the filer's answers.
     */
    public static List<DocumentDeclaration> documents(List<DocumentDefinition> definitions, List<DocumentDeclaration> declared,
                                                      Map<String, Object> answers, String prefix, boolean partial,
                                                      List<Violation> violations) {
        List<DocumentDeclaration> given = declared == null ? List.of() : declared;
        Map<String, DocumentDefinition> byCode = new LinkedHashMap<>();
        definitions.forEach(d -> byCode.put(d.code(), d));
        Set<String> seen = new HashSet<>();
        List<DocumentDeclaration> result = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            DocumentDeclaration d = given.get(i);
            String path = prefix + "[" + i + "]";
            if (d == null || d.code() == null || d.provision() == null) {
                violations.add(new Violation(path, "needs a code and a provision"));
                continue;
            }
            DocumentDefinition definition = byCode.get(d.code());
            if (definition == null) {
                violations.add(new Violation(path + ".code", "is not a document of this service"));
            } else if (!seen.add(d.code())) {
                violations.add(new Violation(path + ".code", "is declared twice"));
            } else {
                result.add(d);
                paths.put(d.code(), path);
            }
        }
        if (!partial) {
            requirements(definitions, result, paths, answers, prefix, violations);
        }
        return result;
    }

    /**
     * Every required document must be attached or brought on paper, or one of its alternatives: the mandatory ones
     * always, those with a condition when the answers meet it. {@code paths} says where each declaration stands in the
     * body, to point at one declared NOT_APPLICABLE; a requirement nothing meets is reported at {@code prefix}.
     */
    public static void requirements(List<DocumentDefinition> definitions, List<DocumentDeclaration> declared,
                                    Map<String, String> paths, Map<String, Object> answers, String prefix, List<Violation> violations) {
        Map<String, DocumentDeclaration.Provision> provided = new LinkedHashMap<>();
        declared.forEach(d -> provided.put(d.code(), d.provision()));
        for (DocumentDefinition definition : definitions) {
            boolean conditional = !definition.mandatory() && definition.requiredWhen() != null;
            if (!definition.mandatory() && !(conditional && definition.requiredWhen().holds(answers))) {
                continue;
            }
            List<String> alternatives = definition.alternativesOrNone();
            if (supplied(provided.get(definition.code())) || alternatives.stream().anyMatch(a -> supplied(provided.get(a)))) {
                continue;
            }
            String or = alternatives.isEmpty() ? "" : " (or " + String.join(" or ", alternatives) + ")";
            String why = conditional ? " when " + definition.requiredWhen().field() + " is "
                    + String.join(" or ", definition.requiredWhen().values()) : "";
            String path = paths.get(definition.code());
            if (provided.get(definition.code()) == DocumentDeclaration.Provision.NOT_APPLICABLE && path != null) {
                violations.add(new Violation(path + ".provision", (conditional ? "a document required" + why : "a mandatory document")
                        + " must be ATTACHED or ON_PAPER" + (alternatives.isEmpty() ? "" : ", unless one of its alternatives"
                        + or.substring(4, or.length() - 1) + " is")));
            } else {
                violations.add(new Violation(prefix, conditional
                        ? "document " + definition.code() + or + " is required" + why + " and is not declared"
                        : "mandatory document " + definition.code() + or + " is not declared"));
            }
        }
    }

    private static boolean supplied(DocumentDeclaration.Provision provision) {
        return provision == DocumentDeclaration.Provision.ATTACHED || provision == DocumentDeclaration.Provision.ON_PAPER;
    }
}
