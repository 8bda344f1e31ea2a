package id.go.layanandesa.common.idempotency;

import jakarta.enterprise.context.RequestScoped;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;

/** Whether this request's answer is a replay, so that the response says so in a header. */
@RequestScoped
public class ReplayMarker {

    private boolean replayed;

    // Methods, not field access: the injected reference is a client proxy, whose own fields are shared.
    void markReplayed() {
        replayed = true;
    }

    boolean isReplayed() {
        return replayed;
    }

    public static class Filter {
        @Inject
        ReplayMarker marker;

        @ServerResponseFilter
        public void mark(ContainerResponseContext response) {
            if (marker.isReplayed()) {
                response.getHeaders().putSingle(Replies.REPLAYED, "true");
            }
        }
    }
}
