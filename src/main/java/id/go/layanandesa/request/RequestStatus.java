package id.go.layanandesa.request;

public enum RequestStatus {
    SUBMITTED, IN_PROGRESS, NEEDS_INFO, COMPLETED, REJECTED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
