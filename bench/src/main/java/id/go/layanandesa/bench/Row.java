package id.go.layanandesa.bench;

/** One line of the report's table of figures. */
public record Row(String figure, String target, String measured, boolean met) {
}
