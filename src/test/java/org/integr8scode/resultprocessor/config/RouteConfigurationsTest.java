package org.integr8scode.resultprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.integr8scode.resultprocessor.support.ResultProcessorTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every route of the YAML flow names the route configuration (the error policy) it runs under, and that configuration
 * exists: Camel does not refuse a misspelt {@code routeConfigurationId}, it quietly gives the route its default error
 * handler, which would, for one, send a record Camel cannot handle nowhere but the log.
 */
class RouteConfigurationsTest extends ResultProcessorTestSupport {

    @Test
    void everyYamlRouteRunsUnderARouteConfigurationThatExists() {
        List<RouteDefinition> yamlRoutes = yamlRoutes(context());

        assertThat(yamlRoutes).extracting(RouteDefinition::getRouteId)
                .contains("execution-events", "map-records", "map-event", "store-and-publish", "store-batch", "find-executions",
                        "insert-results", "read-back-results", "update-executions", "write-execution-results",
                        "write-executions", "store-events", "write-events", "records-one-at-a-time",
                        "dead-letter", "queue-clean-up", "clean-up-executions", "delete-labelled", "orphan-sweep",
                        "delete-orphan", "dlq-redrive", "dlq-redrive-done");
        assertThat(misconfigured(context(), yamlRoutes)).isEmpty();
    }

    @Test
    void aMisspeltRouteConfigurationIsFound() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("classpath:application.properties");
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                    "file:routes/error-policy.camel.yaml"));
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("misspelt.camel.yaml", """
                    - route:
                        id: misspelt
                        routeConfigurationId: record-error
                        from:
                          uri: direct:misspelt
                          steps:
                            - log: "never"
                    """));

            assertThat(misconfigured(camel, yamlRoutes(camel))).containsExactly("misspelt names record-error");
        }
    }

    private static List<RouteDefinition> yamlRoutes(CamelContext camel) {
        return camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().stream()
                // a route made from a YAML route template has no resource of its own
                .filter(route -> route.getResource() != null && route.getResource().getLocation().endsWith(".camel.yaml")
                        || Boolean.TRUE.equals(route.isTemplate()))
                .toList();
    }

    /** The routes that name no route configuration, or one that does not exist. */
    private static List<String> misconfigured(CamelContext camel, List<RouteDefinition> routes) {
        Set<String> configurations = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId)
                .collect(Collectors.toSet());
        List<String> wrong = new ArrayList<>();
        for (RouteDefinition route : routes) {
            String named = route.getRouteConfigurationId();
            if (named == null || !configurations.contains(named)) {
                wrong.add(route.getRouteId() + " names " + named);
            }
        }
        return wrong;
    }
}
