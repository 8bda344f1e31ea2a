package id.go.layanandesa.common.error;

public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }
}
