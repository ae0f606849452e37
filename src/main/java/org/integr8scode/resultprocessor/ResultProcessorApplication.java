package org.integr8scode.resultprocessor;

import org.apache.camel.main.Main;

/** Starts camel-main; routes, beans and settings come from application.properties. */
public final class ResultProcessorApplication {

    private ResultProcessorApplication() {
    }

    public static void main(String[] args) throws Exception {
        new Main(ResultProcessorApplication.class).run(args);
    }
}
