package id.go.layanandesa.common.http;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every successful answer whose body is a versioned resource carries that resource's ETag. */
public class ETagFilter {

    @ServerResponseFilter
    public void etag(ContainerResponseContext response) {
        if (response.getStatus() >= 300 || response.getHeaders().containsKey(HttpHeaders.ETAG)) {
            return;
        }
        String etag = ETags.ofBody(response.getEntity());
        if (etag != null) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        }
    }
}
