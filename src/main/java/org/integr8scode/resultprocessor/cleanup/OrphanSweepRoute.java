package org.integr8scode.resultprocessor.cleanup;

import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_CONFIGMAPS_LABELS;
import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_NAMESPACE_NAME;
import static org.apache.camel.component.kubernetes.KubernetesConstants.KUBERNETES_PODS_LABELS;
import static org.integr8scode.resultprocessor.cleanup.CleanupRoute.DELETIONS;
import static org.integr8scode.resultprocessor.cleanup.CleanupRoute.KIND;

import java.util.concurrent.TimeUnit;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The periodic sweep (contract §3): lists the {@code app=integr8s} pods and ConfigMaps of the configured namespace
 * and deletes the orphans ({@link OrphanSelection}) of executions whose event was missed, or whose clean-up was
 * dropped or failed. Only while the clean-up is enabled; in dry run it only logs and counts what it would delete.
 * A delete that fails is not retried here: the next sweep finds the resource again.
 */
public class OrphanSweepRoute extends RouteBuilder {

    static final String PODS = "kubernetes-pods:///?kubernetesClient=#kubernetesClient&operation=listPodsByLabels";
    static final String CONFIG_MAPS = "kubernetes-config-maps:///?kubernetesClient=#kubernetesClient"
            + "&operation=listConfigMapsByLabels";
    static final String RUNS = "micrometer:counter:cleanup.sweep.runs.total?tags.outcome=";

    @Override
    public void configure() {
        long intervalMs = TimeUnit.SECONDS.toMillis(
                Long.parseLong(getContext().resolvePropertyPlaceholders("{{sweep.interval-seconds}}")));

        from("timer:orphan-sweep?delay=" + intervalMs + "&period=" + intervalMs)
                .routeId("orphan-sweep")
                .description("Deletes the finished pods and old ConfigMaps of executions whose clean-up never happened")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Orphan sweep failed, the next one runs in {{sweep.interval-seconds}} s: "
                            + "${exception.message}")
                    .to(RUNS + "failed")
                .end()
                .filter(method("cleanupSwitch", "isEnabled"))
                .removeHeaders("*")
                // the namespace comes from configuration; camel-kubernetes would list every namespace without one
                .setHeader(KUBERNETES_NAMESPACE_NAME, constant("{{k8s.namespace}}"))
                .setHeader(KUBERNETES_PODS_LABELS, method(IntegrationLabel.class, "selector"))
                .to(PODS)
                .setProperty("pods", body())
                .setHeader(KUBERNETES_CONFIGMAPS_LABELS, method(IntegrationLabel.class, "selector"))
                .to(CONFIG_MAPS)
                .setProperty("configMaps", body())
                .bean("orphanSelection", "select(${exchangeProperty.pods}, ${exchangeProperty.configMaps})")
                .removeProperties("pods|configMaps")
                .filter(simple("${body.size} > 0"))
                    .log(LoggingLevel.INFO, "Orphan sweep of {{k8s.namespace}}: orphans found: ${body.size} "
                            + "(dry run: {{sweep.dry-run}})")
                .end()
                .split(body())
                    .to("direct:delete-orphan")
                .end()
                .to(RUNS + "completed");

        from("direct:delete-orphan")
                .routeId("delete-orphan")
                .description("Deletes one orphan as it was listed, or in dry run only logs it")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Orphan sweep could not delete ${exchangeProperty." + KIND + ".tag} "
                            + "${body.metadata.name}, the next sweep tries again: ${exception.message}")
                    .to(DELETIONS + DeletionOutcome.FAILED.getTag())
                .end()
                .setProperty(KIND, method(ResourceKind.class, "of"))
                .to("micrometer:counter:cleanup.sweep.orphans.total?tags.kind=${exchangeProperty." + KIND + ".tag}")
                .choice()
                    .when(simple("{{sweep.dry-run}}"))
                        .log(LoggingLevel.INFO, "Dry run: would delete ${exchangeProperty." + KIND + ".tag} "
                                + "${body.metadata.name}")
                    .otherwise()
                        .bean("guardedDelete", "listed")
                        .to(DELETIONS + "${body.tag}")
                .end();
    }
}
