package dev.digestpipeline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsConfigTest {
    @Test
    void defaultsWatchTheAppsDefaultGroupsOnLoopback() {
        OpsConfig config = OpsConfig.of(Map.of());
        assertEquals("digest-enrich", config.enrichApplicationId());
        assertEquals("digest-sink", config.sinkGroupId());
        assertEquals("127.0.0.1", config.dashboardHost());
        assertEquals(8095, config.dashboardPort());
        assertEquals(Map.of(), config.appHealth());
    }

    @Test
    void theAppsHealthEndpointsAreNamedUrls() {
        OpsConfig config = OpsConfig.of(
                Map.of("DIGEST_DASHBOARD_APPS", "enrich=http://127.0.0.1:4001,sink=http://127.0.0.1:4002"));
        assertEquals(Map.of("enrich", "http://127.0.0.1:4001", "sink", "http://127.0.0.1:4002"), config.appHealth());
    }

    @Test
    void anEndpointWithoutItsNameIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> OpsConfig.of(Map.of("DIGEST_DASHBOARD_APPS", "http://127.0.0.1:4001")));
        assertEquals(
                "dashboard.apps is NAME=URL[,NAME=URL...], not 'http://127.0.0.1:4001' (at 'http://127.0.0.1:4001')",
                e.getMessage());
    }
}
