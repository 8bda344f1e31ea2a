package id.go.layanandesa.catalog;

public enum FieldType {
    TEXT, LONG_TEXT, NUMBER, DATE, SINGLE_CHOICE, MULTI_CHOICE, BOOLEAN
}
