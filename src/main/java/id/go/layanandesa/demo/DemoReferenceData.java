package id.go.layanandesa.demo;

import jakarta.enterprise.context.ApplicationScoped;

/** The demo kabupaten's regions, OPDs, catalog, routing rules and holidays. */
@ApplicationScoped
public class DemoReferenceData {

    /** Loads everything and returns a one-line summary of what it loaded. */
    public String load() {
        return "no reference data";
    }
}
