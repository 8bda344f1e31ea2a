package id.go.layanandesa;

import id.go.layanandesa.common.LayananConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher reads the whole configuration before Quarkus starts, sizes included, also outside the packaged jar. */
class MainConfigTest {

    @Test
    void theLauncherReadsMemorySizesOfTheConfiguration() {
        LayananConfig config = Main.launchConfig().getConfigMapping(LayananConfig.class);
        assertEquals(256 * 1024, config.http().maxBody().asLongValue());
        assertEquals(4 * 1024 * 1024, config.http().maxBatchBody().asLongValue());
    }
}
