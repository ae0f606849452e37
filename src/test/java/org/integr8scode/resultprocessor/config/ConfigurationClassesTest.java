package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * camel-main calls each {@code @BindToRegistry} method of a configuration class twice: the configuration classes make
 * what holds a connection or a thread (the MongoDB and Kubernetes clients, the clean-up pool) once, and hand it out
 * both times. If a Camel upgrade makes this once, this test says so and the memoising can go.
 */
class ConfigurationClassesTest {

    static final AtomicInteger CALLS = new AtomicInteger();

    public static class Counting implements CamelConfiguration {
        @BindToRegistry
        public Object counted() {
            CALLS.incrementAndGet();
            return new Object();
        }
    }

    @Test
    void camelMainCallsABindToRegistryMethodTwice() throws Exception {
        Main main = new Main();
        // this class alone, without the application's properties (and its routes, ports and clients)
        main.setDefaultPropertyPlaceholderLocation("false");
        main.configure().setConfigurationClasses(Counting.class.getName());
        main.start();
        try {
            assertThat(CALLS.get()).isEqualTo(2);
            assertThat(main.getCamelContext().getRegistry().lookupByName("counted")).isNotNull();
        } finally {
            main.stop();
        }
    }
}
