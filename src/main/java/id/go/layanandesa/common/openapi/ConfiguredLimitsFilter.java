package id.go.layanandesa.common.openapi;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.math.BigDecimal;

/**
 * Limits that come from the configuration go into the spec as schema bounds when the service starts, so the
 * spec states the bounds this instance enforces: a claim's lease and wait.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ConfiguredLimitsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema claim = openAPI.getComponents().getSchemas().get("ClaimBody");
        if (claim == null || claim.getProperties() == null) {
            return;
        }
        LayananConfig.Queue queue = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(LayananConfig.class).queue();
        Schema lease = claim.getProperties().get("leaseSeconds");
        if (lease != null) {
            lease.setMinimum(BigDecimal.valueOf(queue.minLease().toSeconds()));
            lease.setMaximum(BigDecimal.valueOf(queue.maxLease().toSeconds()));
            lease.setDefaultValue(queue.defaultLease().toSeconds());
            lease.setDescription("How long the claimed requests are held for this consumer, in seconds");
        }
        Schema wait = claim.getProperties().get("waitSeconds");
        if (wait != null) {
            long max = Math.min(queue.maxWait().toSeconds(), wait.getMaximum() == null ? Long.MAX_VALUE : wait.getMaximum().longValue());
            wait.setMaximum(BigDecimal.valueOf(max));
            wait.setDescription("Wait up to this many seconds for work when the queue is empty");
        }
    }
}
