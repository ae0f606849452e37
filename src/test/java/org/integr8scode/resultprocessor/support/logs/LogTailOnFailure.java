package org.integr8scode.resultprocessor.support.logs;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For every test class (registered by META-INF/services, autodetection on in junit-platform.properties): its logs
 * go to its own file ({@link TestLogs}), and a failure carries the tail of that file and of its processes' logs,
 * so that the console shows the assertion and what the application logged before it. The tail rides on the failure
 * as a suppressed exception, because the runner's report of the failure is what reaches the console.
 */
public final class LogTailOnFailure implements TestInstancePreConstructCallback, BeforeAllCallback, TestWatcher,
        LifecycleMethodExecutionExceptionHandler {

    static final int LINES = 40;

    /** Before the instance: camel-test configures the application from the test's constructor. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        TestLogs.beginIfNew(factory.getTestClass().getSimpleName());
    }

    /** For a class whose instances are made per test method: before its @BeforeAll methods and any instance. */
    @Override
    public void beforeAll(ExtensionContext context) {
        TestLogs.beginIfNew(context.getRequiredTestClass().getSimpleName());
    }

    /**
     * Whatever failed the test: its method, a before or after method, or an extension's callback (camel-test starts
     * the application in one). Called before the failure is reported, so the report carries the tail.
     */
    @Override
    public void testFailed(ExtensionContext context, Throwable failure) {
        withLogTail(failure);
    }

    /** A failure of the class's set-up fails all its tests without a test of its own to watch. */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogTail(failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogTail(failure);
    }

    private static Throwable withLogTail(Throwable failure) {
        failure.addSuppressed(new LogTail(TestLogs.tails(LINES)));
        return failure;
    }

    /** The logs' tails as a throwable without a stack of its own: it is read, not traced. */
    static final class LogTail extends Throwable {
        LogTail(String tails) {
            super(tails, null, false, false);
        }
    }
}
