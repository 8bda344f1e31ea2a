package id.go.layanandesa.bench;

import java.util.List;

/**
 * One figure (or a few that share their measurements) of docs/benchmarks.md. A figure is listed in
 * {@code figure.Registry} once for each stage it measures at; one instance serves all its stages, so it
 * can keep what it measured at the first for the rows it answers at the last.
 */
public interface Figure {

    /** The short name that selects it: {@code bench/run.sh -Dbench.figures=filing,claim}. */
    String name();

    /** What it measures and its target, one line. */
    String title();

    /** Measures at {@code stage}; answers its rows for the report, or none until the last stage it is listed at. */
    List<Row> measure(Bench bench, Stage stage) throws Exception;

    /** How it measures, for the report's settings: one bullet each, sizes included. */
    default List<String> settings(Settings settings) {
        return List.of();
    }
}
