package id.go.layanandesa.common.http;

/**
 * A resource that changes under optimistic locking. An answer whose body is {@code Versioned} carries the
 * version as its strong ETag, the value the next If-Match needs.
 */
public interface Versioned {

    int version();
}
