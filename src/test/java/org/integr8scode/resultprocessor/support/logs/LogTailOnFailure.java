package org.integr8scode.resultprocessor.support.logs;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * For every test class (registered by META-INF/services, autodetection on in junit-platform.properties): its logs
 * go to its own file ({@link TestLogs}), and a failure carries the tail of that file and of its processes' logs,
 * so that the console shows the assertion and what the application logged before it. The tail rides on the failure
 * as a suppressed exception, because the runner's report of the failure is what reaches the console.
 */
public final class LogTailOnFailure implements TestInstancePreConstructCallback, BeforeAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    static final int LINES = 40;

    /** Before the instance: camel-test configures the application from the test's constructor. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        TestLogs.beginIfNew(factory.getTestClass().getSimpleName());
    }

    /** For a class whose instance is made per test method, after its static set-up. */
    @Override
    public void beforeAll(ExtensionContext context) {
        TestLogs.beginIfNew(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogTail(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogTail(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogTail(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
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
