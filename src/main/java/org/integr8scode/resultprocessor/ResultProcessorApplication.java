package org.integr8scode.resultprocessor;

import org.apache.camel.main.Main;

/** Starts camel-main; routes, beans and settings are named in application.properties. */
public final class ResultProcessorApplication {

    private ResultProcessorApplication() {
    }

    public static void main(String[] args) throws Exception {
        new Main().run(args);
    }
}
