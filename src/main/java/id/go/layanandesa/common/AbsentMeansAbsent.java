package id.go.layanandesa.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The wire rule for optional values: a field without a value is left out of the JSON, never sent as
 * {@code null}. Lists are always sent (empty when there is nothing), because the views never hold a null list.
 */
@Singleton
public class AbsentMeansAbsent implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    }
}
