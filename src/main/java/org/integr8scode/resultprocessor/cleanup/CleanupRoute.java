package org.integr8scode.resultprocessor.cleanup;

import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_CONFIGMAP_NAME;
import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_NAMESPACE_NAME;
import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_POD_NAME;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Deletes a finished execution's pod {@code executor-<id>} and ConfigMap {@code script-<id>}, wire-tapped after
 * its result is stored (contract §3). Best effort: it runs on the wire tap's own thread, so it never delays or
 * fails the storing; only resources labelled {@code app=integr8s} in the configured namespace are deleted, and
 * one already gone counts as deleted.
 */
public class CleanupRoute extends RouteBuilder {

    static final String PODS = "kubernetes-pods:///?kubernetesClient=#kubernetesClient";
    static final String CONFIG_MAPS = "kubernetes-config-maps:///?kubernetesClient=#kubernetesClient";

    @Override
    public void configure() {
        from("direct:clean-up-execution")
                .routeId("clean-up-execution")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Clean-up of execution ${exchangeProperty.executionId} failed: "
                            + "${exception.message}")
                    .to("micrometer:counter:cleanup.deletions.total?tags.kind=${exchangeProperty.cleanupKind}&tags.outcome=failed")
                .end()
                .filter(method("cleanupSwitch", "isEnabled"))
                .filter(method(KubernetesNames.class, "isValidFor(${exchangeProperty.executionId})"))
                .removeHeaders("*")
                // the namespace comes from configuration, never from an event
                .setHeader(KUBERNETES_NAMESPACE_NAME, constant("{{k8s.namespace}}"))
                .setHeader(KUBERNETES_POD_NAME, simple(KubernetesNames.POD_PREFIX + "${exchangeProperty.executionId}"))
                .setHeader(KUBERNETES_CONFIGMAP_NAME,
                        simple(KubernetesNames.CONFIG_MAP_PREFIX + "${exchangeProperty.executionId}"))
                .setProperty("cleanupKind", constant("pod"))
                .to(PODS + "&operation=getPod")
                .choice()
                    .when(method(IntegrationLabel.class, "isOurs"))
                        .to(PODS + "&operation=deletePod")
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=pod&tags.outcome=deleted")
                    .when(body().isNull())
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=pod&tags.outcome=already_gone")
                    .otherwise()
                        .log(LoggingLevel.WARN, "Pod ${header." + KUBERNETES_POD_NAME + "} lacks app=integr8s: left alone")
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=pod&tags.outcome=refused")
                .end()
                .setProperty("cleanupKind", constant("configmap"))
                .to(CONFIG_MAPS + "&operation=getConfigMap")
                .choice()
                    .when(method(IntegrationLabel.class, "isOurs"))
                        .to(CONFIG_MAPS + "&operation=deleteConfigMap")
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=configmap&tags.outcome=deleted")
                    .when(body().isNull())
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=configmap&tags.outcome=already_gone")
                    .otherwise()
                        .log(LoggingLevel.WARN, "ConfigMap ${header." + KUBERNETES_CONFIGMAP_NAME
                                + "} lacks app=integr8s: left alone")
                        .to("micrometer:counter:cleanup.deletions.total?tags.kind=configmap&tags.outcome=refused")
                .end();
    }
}
