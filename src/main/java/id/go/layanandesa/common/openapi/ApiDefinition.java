package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.error.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(
                title = "Layanan Desa API",
                version = "1.0",
                description = """
                        Village-level online public service for an Indonesian kabupaten. Desa offices file citizens' \
                        requests for services in the kabupaten's catalog; each request is routed to the one OPD \
                        responsible for that service and area, gets a tracking code and a due date, and keeps its \
                        whole history. OPD officers and OPD systems claim and work their queues.

                        Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code`. \
                        Changes take `If-Match` with the resource's `ETag`; creating and changing calls take an \
                        `Idempotency-Key` so that a retry on a weak connection never files twice.""",
                contact = @Contact(name = "Bagian Organisasi, Sekretariat Daerah", email = "organisasi@luwutimurkab.go.id"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        components = @Components(schemas = {
                @Schema(name = "Problem", implementation = Problem.class)
        }),
        servers = {
                @Server(url = "/", description = "This server")
        },
        tags = {
                @Tag(name = "Auth", description = "Logging in and finding out who you are"),
                @Tag(name = "Accounts", description = "Accounts of people and API keys of OPD systems, kept by admins"),
                @Tag(name = "Kabupaten", description = "The kabupaten in service on the installation: onboarding, their admins and "
                        + "their configuration as one document"),
                @Tag(name = "Regions", description = "The Kepmendagri region codes: provinsi, kabupaten/kota, kecamatan, desa/kelurahan"),
                @Tag(name = "OPDs", description = "The agencies (Organisasi Perangkat Daerah) of a kabupaten"),
                @Tag(name = "Catalog", description = "The kabupaten's service catalog (standar pelayanan)"),
                @Tag(name = "Routing", description = "Which OPD receives a request for a service from an area"),
                @Tag(name = "Holidays", description = "Holidays and joint leave days that due dates skip"),
                @Tag(name = "Requests", description = "Filing citizens' requests at the desa and following them"),
                @Tag(name = "Queue", description = "An OPD's work queue: listing, claiming and working requests"),
                @Tag(name = "Documents", description = "Files of requests: scans the desa attaches, resumable uploads (tus), the OPD's "
                        + "result document, the printed receipt with its QR code"),
                @Tag(name = "Tracking", description = "Public tracking of a request by its tracking code, without an account"),
                @Tag(name = "Webhooks", description = "Subscriptions to request events, signed per Standard Webhooks, their delivery logs, "
                        + "and the citizens' messages the events carry"),
                @Tag(name = "Survey", description = "The citizens' satisfaction survey (IKM, PermenPANRB 14/2017) of finished requests"),
                @Tag(name = "Statistics", description = "The kabupaten's figures without personal data: request statistics, overdue "
                        + "work, the satisfaction index and monthly open data, as JSON or CSV"),
                @Tag(name = "Audit", description = "Who changed what and who read whose personal data, for admins"),
                @Tag(name = "Personal data", description = "How long citizens' personal data is kept, and a citizen's request for theirs")
        })
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "An access token from POST /api/v1/auth/login (or from the configured identity provider). "
                        + "OPD systems may also send their API key here."),
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
                apiKeyName = "X-API-Key", description = "The API key of an OPD system, created by an admin")
})
public class ApiDefinition extends Application {
}
