package org.integr8scode.resultprocessor.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.component.platform.http.plugin.DefaultJolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.support.service.ServiceHelper;
import org.integr8scode.resultprocessor.support.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Jolokia's access policy as camel-platform-http-jolokia applies it: read-only as shipped (the plugin the management
 * server makes itself), operations allowed with the plugin JOLOKIA_ALLOW_OPERATIONS binds. The operation invoked is
 * one of a test MBean's, so that allowing it changes nothing else. (OperationsTest: the same over HTTP.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JolokiaAccessTest {

    public interface SwitchMBean {
        int getFlips();

        void flip();
    }

    public static class Switch implements SwitchMBean {
        private volatile int flips;

        @Override
        public int getFlips() {
            return flips;
        }

        @Override
        public void flip() {
            flips++;
        }
    }

    private static final String MBEAN = "org.integr8scode.test:type=JolokiaAccessTest";
    private final Switch target = new Switch();

    @BeforeAll
    void register() throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(target, new ObjectName(MBEAN));
    }

    @AfterAll
    void unregister() throws Exception {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(MBEAN));
    }

    /** A GET request to the plugin's Jolokia handler, e.g. exec/..., and its JSON answer. */
    private static JsonNode get(JolokiaPlatformHttpPlugin plugin, String request) throws Exception {
        ServiceHelper.startService(plugin);
        try {
            Object answer = ((DefaultJolokiaPlatformHttpPlugin) plugin).getJolokiaRequestHandler()
                    .handleGetRequest("/observe/jolokia/" + request, "/" + request, Map.of());
            return TestEvents.JSON.readTree(answer.toString());
        } finally {
            ServiceHelper.stopService(plugin);
        }
    }

    @Test
    void asShippedAttributesAreReadAndOperationsRefused() throws Exception {
        int before = target.getFlips();
        JolokiaPlatformHttpPlugin readOnly = new DefaultJolokiaPlatformHttpPlugin();
        assertThat(get(readOnly, "read/" + MBEAN + "/Flips").path("status").asInt()).isEqualTo(200);

        JsonNode exec = get(readOnly, "exec/" + MBEAN + "/flip");
        assertThat(exec.path("status").asInt()).as(exec.toString()).isEqualTo(403);
        assertThat(target.getFlips()).isEqualTo(before);
    }

    @Test
    void withOperationsAllowedAnOperationIsInvokedAndAttributesStayReadOnly() throws Exception {
        int before = target.getFlips();
        JolokiaPlatformHttpPlugin withOperations = JolokiaAccess.withOperations();

        JsonNode exec = get(withOperations, "exec/" + MBEAN + "/flip");
        assertThat(exec.path("status").asInt()).as(exec.toString()).isEqualTo(200);
        assertThat(target.getFlips()).isEqualTo(before + 1);
        assertThat(get(withOperations, "write/" + MBEAN + "/Flips/7").path("status").asInt()).isEqualTo(403);
    }
}
