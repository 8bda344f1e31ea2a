package id.go.layanandesa.request;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

public enum RequestStatus {
    SUBMITTED, IN_PROGRESS, NEEDS_INFO, COMPLETED, REJECTED, CANCELLED;

    /** Work not finished: what queues show by default. */
    public static final Set<RequestStatus> OPEN = EnumSet.of(SUBMITTED, IN_PROGRESS, NEEDS_INFO);

    /**
     * {@link #OPEN} as an SQL list of literals, e.g. {@code ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO')}: literals, not a
     * bind parameter, so that the planner can match the open-work partial indexes of V40, which are written with
     * exactly this list.
     */
    public static final String OPEN_SQL = sqlList(OPEN);

    /**
     * Open work whose clock runs: what can be overdue. In NEEDS_INFO the clock stands still (the OPD waits on the
     * desa) and the due date moves on by the working days waited when the request comes back.
     */
    public static final Set<RequestStatus> RUNNING = EnumSet.of(SUBMITTED, IN_PROGRESS);

    /** {@link #RUNNING} as an SQL list of literals, as the overdue indexes of V80 are written. */
    public static final String RUNNING_SQL = sqlList(RUNNING);

    public boolean isFinished() {
        return !OPEN.contains(this);
    }

    /** Past its due date with its clock running, on {@code today} in the kabupaten's calendar. */
    public boolean isOverdue(LocalDate dueDate, LocalDate today) {
        return RUNNING.contains(this) && dueDate.isBefore(today);
    }

    /** Statuses as an SQL list of literals (enum names are fixed identifiers, never input). */
    public static String sqlList(Set<RequestStatus> statuses) {
        return statuses.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
