package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.idempotency.Idempotent;
import id.go.layanandesa.common.idempotency.IdempotentCalls;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * Declares the Idempotency-Key header on exactly the operations marked {@link Idempotent} — the annotation the
 * service honours — read from the class index when the spec is built. It runs after
 * {@link ProblemResponsesFilter} and before {@link WireContractFilter}, which derives from the header what such
 * an operation can answer (409 IDEMPOTENCY_IN_FLIGHT and IDEMPOTENCY_KEY_UNREADABLE, 422 IDEMPOTENCY_KEY_REUSED,
 * {@code Idempotent-Replayed}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 50)
public class IdempotencyKeyFilter implements OASFilter {

    private static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);

    private final IndexView index;

    public IdempotencyKeyFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (AnnotationInstance annotation : index.getAnnotations(IDEMPOTENT)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = annotation.target().asMethod();
            String path = ResourceMethods.pathOf(method);
            PathItem item = path == null ? null : openAPI.getPaths().getPathItem(path);
            Operation operation = item == null ? null : item.getOperations().get(ResourceMethods.verbOf(method));
            if (operation != null) {
                declare(operation);
            }
        }
    }

    private static void declare(Operation operation) {
        boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> IdempotentCalls.HEADER.equalsIgnoreCase(p.getName()));
        if (declared) {
            return;
        }
        operation.addParameter(OASFactory.createParameter()
                .name(IdempotentCalls.HEADER)
                .in(Parameter.In.HEADER)
                .required(false)
                .description("Makes a retry safe: the same key with the same call answers the first answer again "
                        + "(with `Idempotent-Replayed: true`); with a different call it is refused (422); while the first "
                        + "is still running, 409. Up to 100 of A-Z a-z 0-9 . _ : -; kept 24 h per caller "
                        + "(`layanan.idempotency.retention`).")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^[A-Za-z0-9._:-]{1,100}$"))
                .example("harapan-20261129-0007"));
    }
}
