package id.go.layanandesa.common.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.layanandesa.common.IfMatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Turns a reply, fresh or replayed, into the same HTTP response. */
@ApplicationScoped
public class Replies {

    public static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    ObjectMapper mapper;

    public Response toResponse(Idempotency.Reply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(reply.body());
        if (reply.location() != null) {
            builder.location(URI.create(reply.location()));
        }
        try {
            JsonNode version = mapper.readTree(reply.body()).get("version");
            if (version != null && version.isNumber()) {
                builder.header("ETag", IfMatch.etag(version.asLong()));
            }
        } catch (Exception e) {
            // not an object with a version: no ETag
        }
        if (reply.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.build();
    }
}
