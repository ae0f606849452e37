package org.integr8scode.resultprocessor.event;

/** A record that no retry can make valid: it goes to the dead-letter topic and the consumer goes on. */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
