package id.go.layanandesa.bench.figure;

import id.go.layanandesa.bench.Bench;
import id.go.layanandesa.bench.Figure;
import id.go.layanandesa.bench.RegionImport;
import id.go.layanandesa.bench.Row;
import id.go.layanandesa.bench.Stage;

import java.util.List;

import static id.go.layanandesa.bench.Numbers.f1;

/** The national region list in one POST /api/v1/regions/import; every run imports it (reference data), this reports it. */
final class NationalImport implements Figure {

    private static final String TARGET = "report; aim ≤ 10 s";

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String title() {
        return "national region import, one POST of the whole list (aim ≤ 10 s)";
    }

    @Override
    public List<Row> measure(Bench bench, Stage stage) {
        RegionImport done = bench.regionImport();
        if (!done.ran()) {
            return List.of(new Row("national region import", TARGET, "not run: no " + done.file().getFileName()
                    + " beside the project (demo regions only)", true));
        }
        double took = done.nanos() / 1e9;
        return List.of(new Row("national region import (" + done.rows() + " rows)", TARGET,
                f1(took) + " s, one POST /api/v1/regions/import (" + done.summary() + ")", took <= 10));
    }
}
