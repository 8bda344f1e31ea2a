package id.go.layanandesa.request;

import id.go.layanandesa.common.error.ProblemException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static id.go.layanandesa.request.RequestStatus.*;

/** The one state machine of a request's life (domain.md); every change goes through {@link #check}. */
public final class Lifecycle {

    public enum Action {
        ACCEPT(EnumSet.of(SUBMITTED), IN_PROGRESS),
        REQUEST_INFO(EnumSet.of(SUBMITTED, IN_PROGRESS), NEEDS_INFO),
        SUPPLY_INFO(EnumSet.of(NEEDS_INFO), SUBMITTED),
        FORWARD(EnumSet.of(SUBMITTED, IN_PROGRESS), SUBMITTED),
        COMPLETE(EnumSet.of(IN_PROGRESS), COMPLETED),
        REJECT(EnumSet.of(IN_PROGRESS), REJECTED),
        CANCEL(EnumSet.of(SUBMITTED, NEEDS_INFO), CANCELLED),
        RELEASE(EnumSet.of(SUBMITTED), SUBMITTED),
        REASSIGN(EnumSet.of(SUBMITTED, IN_PROGRESS, NEEDS_INFO), SUBMITTED);

        final Set<RequestStatus> from;
        final RequestStatus to;

        Action(Set<RequestStatus> from, RequestStatus to) {
            this.from = from;
            this.to = to;
        }

        public RequestStatus to() {
            return to;
        }

        String verb() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    private Lifecycle() {
    }

    /** 409 naming the current status and what may be done from it, unless {@code action} may be done now. */
    public static void check(Action action, RequestStatus current) {
        if (!action.from.contains(current)) {
            throw ProblemException.invalidTransition(action.verb(), current.name(), allowedFrom(current));
        }
    }

    public static List<String> allowedFrom(RequestStatus status) {
        List<String> allowed = new ArrayList<>();
        for (Action a : Action.values()) {
            if (a.from.contains(status)) {
                allowed.add(a.name());
            }
        }
        return allowed;
    }
}
