package org.integr8scode.resultprocessor.observe;

import java.net.URL;

import org.apache.camel.component.platform.http.plugin.DefaultJolokiaPlatformHttpPlugin;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;

/**
 * Who may do what over Jolokia (/observe/jolokia on the management port). camel-platform-http-jolokia reads its
 * policy from {@code classpath:/jolokia-access.xml}, which this application ships read-only: read, list, search
 * and version; an operation (exec), such as stopping a route, or an attribute write is refused. Where an operator
 * allows operations (JOLOKIA_ALLOW_OPERATIONS), the plugin is made here instead, with the policy
 * {@code jolokia-access-operations.xml} in that place: the plugin looks its policy up through the thread's
 * context class loader while it is being built.
 */
public final class JolokiaAccess {

    static final String POLICY = "/jolokia-access.xml";
    static final String WITH_OPERATIONS = "jolokia-access-operations.xml";

    private JolokiaAccess() {
    }

    /** The Jolokia plugin with operations allowed. */
    public static JolokiaPlatformHttpPlugin withOperations() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new PolicyLoader(JolokiaAccess.class.getClassLoader()));
        try {
            return new DefaultJolokiaPlatformHttpPlugin();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Answers the plugin's policy look-up with the policy that allows operations; all else as its parent. */
    private static final class PolicyLoader extends ClassLoader {

        PolicyLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public URL getResource(String name) {
            return POLICY.equals(name) ? getParent().getResource(WITH_OPERATIONS) : super.getResource(name);
        }
    }
}
