package org.integr8scode.resultprocessor.cleanup;

import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Only resources labelled {@code app=integr8s}, and where present {@code execution-id=<id>}, are ever deleted. */
public final class IntegrationLabel {

    public static final String APP = "app";
    public static final String APP_VALUE = "integr8s";
    public static final String EXECUTION_ID = "execution-id";

    private IntegrationLabel() {
    }

    public static boolean isOurs(HasMetadata resource, String executionId) {
        if (resource == null || resource.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = resource.getMetadata().getLabels();
        if (labels == null || !APP_VALUE.equals(labels.get(APP))) {
            return false;
        }
        String labelledExecution = labels.get(EXECUTION_ID);
        return labelledExecution == null || labelledExecution.equals(executionId);
    }

    /** The label selector the sweep lists with. */
    public static Map<String, String> selector() {
        return Map.of(APP, APP_VALUE);
    }
}
