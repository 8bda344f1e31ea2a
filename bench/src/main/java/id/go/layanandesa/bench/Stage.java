package id.go.layanandesa.bench;

/** The points of a run where figures measure, in the order a run passes them. */
public enum Stage {
    /** The service has started on a fresh data folder with its demo data, the national region list and the bench's accounts; nothing warmed up. */
    FRESH,
    /** After the warm-up, with {@code bench.small} requests in the database (a young deployment: all open). */
    SMALL,
    /** With {@code bench.large} requests: years of finished history, about the same open work. */
    LARGE,
    /** The load is over. */
    AFTER
}
