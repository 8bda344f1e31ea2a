package id.go.layanandesa.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Fails on purpose, for the test of what an unexpected failure shows. Test sources only. */
@Path("/test-fault")
@PermitAll
public class FaultyResource {

    @GET
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException("org.postgresql.util.PSQLException: select citizen_nik from service_request");
    }
}
