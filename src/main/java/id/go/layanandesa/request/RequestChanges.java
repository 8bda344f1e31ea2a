package id.go.layanandesa.request;

import java.util.List;

/** The changes one step of the service made together (one, or a claim's batch), fired once for all of them. */
public record RequestChanges(List<RequestChange> changes) {
}
