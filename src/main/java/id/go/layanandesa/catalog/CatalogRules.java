package id.go.layanandesa.catalog;

import id.go.layanandesa.common.InputRules;
import id.go.layanandesa.common.error.Problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules a catalog entry's documents and fields obey beyond what each one's own annotations say. */
public final class CatalogRules {

    private CatalogRules() {
    }

    /** Violations with paths relative to the entry ({@code documents[0].code}, {@code fields[2].options}). */
    public static List<Problem.Violation> check(List<DocumentDefinition> documents, List<FieldDefinition> fields) {
        List<Problem.Violation> violations = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!codes.add(documents.get(i).code())) {
                violations.add(v("documents[" + i + "].code", "duplicate document code " + documents.get(i).code()));
            }
        }
        java.util.Map<String, FieldDefinition> byKey = new java.util.HashMap<>();
        fields.forEach(f -> byKey.putIfAbsent(f.key(), f));
        java.util.Map<String, DocumentDefinition> byCode = new java.util.HashMap<>();
        documents.forEach(d -> byCode.putIfAbsent(d.code(), d));
        for (int i = 0; i < documents.size(); i++) {
            checkRequirement(violations, "documents[" + i + "].", documents.get(i), byKey, byCode);
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition f = fields.get(i);
            String at = "fields[" + i + "].";
            if (!keys.add(f.key())) {
                violations.add(v(at + "key", "duplicate field key " + f.key()));
            }
            boolean choice = f.type() == FieldType.SINGLE_CHOICE || f.type() == FieldType.MULTI_CHOICE;
            List<String> options = f.options() == null ? List.of() : f.options();
            if (choice && options.isEmpty()) {
                violations.add(v(at + "options", "a " + f.type() + " field needs at least one option"));
            } else if (choice && new HashSet<>(options).size() != options.size()) {
                violations.add(v(at + "options", "options must be distinct"));
            } else if (!choice && !options.isEmpty()) {
                violations.add(v(at + "options", "only SINGLE_CHOICE and MULTI_CHOICE fields have options"));
            }
            boolean text = f.type() == FieldType.TEXT || f.type() == FieldType.LONG_TEXT;
            if (!text && (f.minLength() != null || f.maxLength() != null)) {
                violations.add(v(at + (f.minLength() != null ? "minLength" : "maxLength"), "only TEXT and LONG_TEXT fields have lengths"));
            }
            if (f.minLength() != null && f.minLength() < 0) {
                violations.add(v(at + "minLength", "must be 0 or more"));
            }
            if (f.maxLength() != null && f.maxLength() < 1) {
                violations.add(v(at + "maxLength", "must be 1 or more"));
            }
            if (f.minLength() != null && f.maxLength() != null && f.minLength() > f.maxLength()) {
                violations.add(v(at + "minLength", "must not be greater than maxLength"));
            }
            boolean numeric = f.type() == FieldType.NUMBER || f.type() == FieldType.MULTI_CHOICE;
            if (!numeric && (f.min() != null || f.max() != null)) {
                violations.add(v(at + (f.min() != null ? "min" : "max"), "only NUMBER and MULTI_CHOICE fields have min and max"));
            }
            if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
                violations.add(v(at + "min", "must not be greater than max"));
            }
            if (f.type() == FieldType.MULTI_CHOICE) {
                checkPicks(violations, at + "min", f.min(), options.size());
                checkPicks(violations, at + "max", f.max(), options.size());
            }
            if (f.type() != FieldType.DATE && (f.minDate() != null || f.maxDate() != null)) {
                violations.add(v(at + (f.minDate() != null ? "minDate" : "maxDate"), "only DATE fields have minDate and maxDate"));
            }
            if (f.type() != FieldType.DATE && f.notAfterToday()) {
                violations.add(v(at + "notAfterToday", "only DATE fields can be limited to dates not after today"));
            }
            LocalDate min = date(violations, at + "minDate", f.minDate());
            LocalDate max = date(violations, at + "maxDate", f.maxDate());
            if (min != null && max != null && min.isAfter(max)) {
                violations.add(v(at + "minDate", "must not be after maxDate"));
            }
        }
        return violations;
    }

    /** A condition names a field whose answers it can test; alternatives name other documents that are not required themselves. */
    private static void checkRequirement(List<Problem.Violation> violations, String at, DocumentDefinition d,
                                         java.util.Map<String, FieldDefinition> fields, java.util.Map<String, DocumentDefinition> documents) {
        DocumentDefinition.Condition when = d.requiredWhen();
        if (when != null) {
            if (d.mandatory()) {
                violations.add(v(at + "requiredWhen", "a mandatory document is required whatever the answers; requiredWhen is for one that is not"));
            }
            FieldDefinition field = when.field() == null ? null : fields.get(when.field());
            if (field == null) {
                violations.add(v(at + "requiredWhen.field", "is not a field of this service"));
            } else if (field.type() != FieldType.SINGLE_CHOICE && field.type() != FieldType.MULTI_CHOICE && field.type() != FieldType.BOOLEAN) {
                violations.add(v(at + "requiredWhen.field", "must be a SINGLE_CHOICE, MULTI_CHOICE or BOOLEAN field, not " + field.type()));
            } else if (when.values() != null) {
                List<String> allowed = field.type() == FieldType.BOOLEAN ? List.of("true", "false")
                        : field.options() == null ? List.of() : field.options();
                for (int j = 0; j < when.values().size(); j++) {
                    if (!allowed.contains(when.values().get(j))) {
                        violations.add(v(at + "requiredWhen.values[" + j + "]", "must be one of " + String.join(", ", allowed)));
                    }
                }
            }
        }
        List<String> alternatives = d.alternativesOrNone();
        if (!alternatives.isEmpty() && !d.mandatory() && when == null) {
            violations.add(v(at + "alternatives", "only a required document (mandatory, or with requiredWhen) has alternatives"));
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < alternatives.size(); j++) {
            String code = alternatives.get(j);
            DocumentDefinition alternative = documents.get(code);
            String path = at + "alternatives[" + j + "]";
            if (!seen.add(code)) {
                violations.add(v(path, "names " + code + " twice"));
            } else if (code.equals(d.code())) {
                violations.add(v(path, "a document is no alternative to itself"));
            } else if (alternative == null) {
                violations.add(v(path, "is not a document of this service"));
            } else if (alternative.mandatory() || alternative.requiredWhen() != null) {
                violations.add(v(path, code + " is required itself, so it cannot stand in for another"));
            }
        }
    }

    private static void checkPicks(List<Problem.Violation> violations, String field, BigDecimal picks, int options) {
        if (picks == null) {
            return;
        }
        if (picks.stripTrailingZeros().scale() > 0 || picks.signum() < 0 || picks.compareTo(BigDecimal.valueOf(options)) > 0) {
            violations.add(v(field, "picks of a MULTI_CHOICE must be a whole number from 0 to the number of options (" + options + ")"));
        }
    }

    private static LocalDate date(List<Problem.Violation> violations, String field, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(v(field, "must be an ISO date like 2026-01-31"));
            return null;
        }
        String problem = InputRules.dateProblem(date);
        if (problem != null) {
            violations.add(v(field, problem));
            return null;
        }
        return date;
    }

    private static Problem.Violation v(String field, String message) {
        return new Problem.Violation(field, message);
    }
}
