package id.go.layanandesa.bench;

/** A figure measured at one stage of a run. */
public record Step(Stage stage, Figure figure) {
}
