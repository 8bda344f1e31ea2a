package id.go.layanandesa.request;

public enum RequestStatus {
    SUBMITTED, IN_PROGRESS, NEEDS_INFO, COMPLETED, REJECTED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }

    /** Past its due date and not finished, on {@code today} in the kabupaten's calendar. */
    public boolean isOverdue(java.time.LocalDate dueDate, java.time.LocalDate today) {
        return !isFinished() && dueDate.isBefore(today);
    }
}
